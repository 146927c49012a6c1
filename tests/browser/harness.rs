//! Driver and server set-up of the browser end-to-end tests: one headless Chromium per
//! test (through a chromedriver this harness spawns on a free loopback port), the page
//! servers on their fixed origins, the API on an ephemeral port with a recorder of what
//! reached it, and the script that makes the page call the API.
//!
//! The page origins are fixed because `#[cors]` origins are literals checked at compile
//! time; the API's port does not appear in any policy, so it is ephemeral.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::io::Write;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, Once, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{Html, Response};
use axum::routing::MethodRouter;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::Mutex as TurnLock;
use tokio::task::JoinHandle;

/// Port of [`PAGE`]: uncommon, so it is free on a developer's machine.
pub const PAGE_PORT: u16 = 47811;
/// Port of [`OTHER`].
pub const OTHER_PORT: u16 = 47812;
/// The page origin the test policies allow. Must equal the literals in `tests/browser.rs`.
pub const PAGE: &str = "http://localhost:47811";
/// A second page origin, same site as [`PAGE`] (ports do not make a site).
pub const OTHER: &str = "http://localhost:47812";
/// The [`PAGE`] server reached by another host name: another origin and another site.
pub const CROSS_SITE: &str = "http://127.0.0.1:47811";

/// How long a fixed port may stay taken (by another run of these tests) before a test fails.
const PORT_WAIT: Duration = Duration::from_secs(30);

/// Chromium's switches: headless, no sandbox (root in CI), and nothing talking to the
/// network on its own.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=960,720",
];

/// One browser at a time: the fixed page ports are shared and the machine has two cores.
static TURN: TurnLock<()> = TurnLock::const_new(());

/// Runs one scenario: page servers on [`PAGE`] and [`OTHER`], the API `api` builds (with
/// a fresh [`Recorder`] as its state, also given to `api` for middleware that records) on
/// an ephemeral port, and a fresh browser; then `test`.
///
/// Returns without running `test` when Chromium is missing outside CI (see [`Tools`]).
pub async fn run<A, F, Fut>(api: A, test: F)
where
    A: FnOnce(&Recorder) -> Api,
    F: FnOnce(Session) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(mut lab) = Lab::start().await else {
        return;
    };
    let blank = blank_page();
    lab.serve(bind_fixed(PAGE_PORT).await, blank.clone());
    lab.serve(bind_fixed(OTHER_PORT).await, blank);
    let recorder = Recorder::default();
    let api = api(&recorder)
        .router
        .layer(middleware::from_fn_with_state(recorder.clone(), record))
        .with_state(recorder.clone());
    let api = lab.serve(bind_ephemeral().await, api);
    lab.drive(|client| {
        test(Session {
            client,
            api,
            recorder,
        })
    })
    .await;
}

/// One test's turn: its servers, then its own browser. Dropping it stops the servers.
pub struct Lab {
    tools: Tools,
    servers: Vec<JoinHandle<()>>,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl Lab {
    /// Waits for this test's turn; `None` means "skip this test" (see [`Tools`]).
    pub async fn start() -> Option<Lab> {
        let tools = Tools::find()?;
        let turn = TURN.lock().await;
        Some(Lab {
            tools,
            servers: Vec::new(),
            _turn: turn,
        })
    }

    /// Serves `router` on `listener` until the lab ends; returns `http://localhost:<port>`.
    pub fn serve(&mut self, listener: TcpListener, router: Router) -> String {
        let port = listener.local_addr().expect("listener address").port();
        self.servers.push(tokio::spawn(async move {
            axum::serve(listener, router).await.expect("test server");
        }));
        format!("http://localhost:{port}")
    }

    /// Starts a fresh browser, runs `test` with it, then always ends the browser session
    /// (also when `test` panicked, whose panic is then re-raised).
    pub async fn drive<F, Fut>(self, test: F)
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let (client, browser) = Browser::launch(&self.tools).await;
        let outcome = tokio::spawn(test(client.clone())).await;
        if let Err(e) = client.close().await {
            eprintln!("closing the browser session failed: {e}");
        }
        drop(browser);
        drop(self);
        if let Err(e) = outcome {
            match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => panic!("test task did not finish: {e}"),
            }
        }
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        for server in &self.servers {
            server.abort();
        }
    }
}

/// Where Chromium and chromedriver are.
pub struct Tools {
    chromium: PathBuf,
    chromedriver: PathBuf,
}

impl Tools {
    /// Finds both on `PATH`. Missing: a panic in CI (see [`in_ci`]), else a skip (`None`),
    /// announced by one loud line per test binary (not one per test).
    fn find() -> Option<Tools> {
        match (which("chromium"), which("chromedriver")) {
            (Some(chromium), Some(chromedriver)) => Some(Tools {
                chromium,
                chromedriver,
            }),
            _ if in_ci() => panic!(
                "chromium/chromedriver not found on PATH, and CI is set ({:?}), which requires \
                 the browser tests to run: apt-get install -y chromium chromium-driver",
                std::env::var_os("CI").unwrap_or_default()
            ),
            _ => {
                // Once per test binary, however many tests skip. Straight to the process's
                // stderr: libtest captures `eprintln!` of a passing test, and a skip must be
                // seen.
                static ANNOUNCED: Once = Once::new();
                ANNOUNCED.call_once(|| {
                    let _ = writeln!(
                        std::io::stderr(),
                        "==== SKIPPED: browser tests: chromium/chromedriver not found on PATH \
                         (apt-get install -y chromium chromium-driver); each passes without \
                         running; with CI set to anything but empty, `false` or `0` this fails ===="
                    );
                });
                None
            }
        }
    }
}

/// Whether this is a CI run: `CI` is set to anything but empty, `false` or `0` (CI
/// services set `CI=true`, `CI=1`, `CI=yes`...; some leave it empty or `false` to say no).
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// A chromedriver process and the profile directory of the Chromium it starts.
struct Browser {
    driver: Child,
    profile: tempfile::TempDir,
}

impl Browser {
    async fn launch(tools: &Tools) -> (Client, Browser) {
        let profile = tempfile::Builder::new()
            .prefix("cors-e2e-")
            .tempdir()
            .expect("temporary profile directory");
        let log = profile.path().join("chromedriver.log");
        let port = free_port();
        let driver = Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", tools.chromedriver.display()));
        let browser = Browser { driver, profile };
        browser.wait_for_driver(port, &log).await;

        let user_data_dir = browser.profile.path().join("profile");
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", user_data_dir.display()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": tools.chromium, "args": args },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object literal")
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|e| {
                panic!("chromedriver could not start Chromium: {e}\n{}", tail(&log))
            });
        (client, browser)
    }

    /// Polls the driver's port, bounded.
    async fn wait_for_driver(&self, port: u16, log: &Path) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect((Ipv4Addr::LOCALHOST, port))
            .await
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on 127.0.0.1:{port} within 20 s\n{}",
                tail(log)
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Kills the driver (Chromium itself quits when its session is closed) and removes the
/// profile directory, also when the launch failed half-way.
impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The last lines of the chromedriver log, for failure messages.
fn tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(30);
    format!(
        "chromedriver log ({}):\n{}",
        log.display(),
        lines[start..].join("\n")
    )
}

fn free_port() -> u16 {
    std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// Binds `127.0.0.1:port`, waiting a bounded time if another run of these tests holds it.
pub async fn bind_fixed(port: u16) -> TcpListener {
    let deadline = Instant::now() + PORT_WAIT;
    loop {
        match TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await {
            Ok(listener) => return listener,
            Err(e) if Instant::now() >= deadline => panic!(
                "cannot bind 127.0.0.1:{port} ({e}), still taken after {} s. The browser tests \
                 serve http://localhost:{port} because #[cors] policies name that origin (a \
                 compile-time literal); stop whatever holds the port.",
                PORT_WAIT.as_secs()
            ),
            Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
        }
    }
}

/// Binds an ephemeral loopback port.
pub async fn bind_ephemeral() -> TcpListener {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("an ephemeral loopback port")
}

/// The page served on every page origin: scripts run in it, so only its origin matters.
pub fn blank_page() -> Router {
    Router::new().fallback(|| async {
        Html("<!doctype html><html><head><title>cors e2e page</title></head><body>page</body></html>")
    })
}

/// The API router of a scenario, built with the names its [`Recorder`] answers for: every
/// path, handler and recording layer is named when it is added, and asking the recorder
/// about any other name panics (so a misspelt name cannot make `== 0` pass).
pub struct Api {
    router: Router<Recorder>,
    recorder: Recorder,
}

impl Api {
    /// An API without routes; `recorder` is the one [`run`] passes to the API builder.
    pub fn new(recorder: &Recorder) -> Api {
        Api {
            router: Router::new(),
            recorder: recorder.clone(),
        }
    }

    /// Routes `path` to `routes`, whose handlers call [`Recorder::ran`] with `handlers`
    /// (none for a route whose runs no test counts).
    pub fn route(
        mut self,
        path: &'static str,
        handlers: &[&'static str],
        routes: MethodRouter<Recorder>,
    ) -> Api {
        {
            let mut seen = self.recorder.seen();
            assert!(seen.paths.insert(path), "path `{path}` registered twice");
            for &handler in handlers {
                assert!(
                    seen.runs.insert(handler, 0).is_none(),
                    "handler `{handler}` registered twice"
                );
            }
        }
        self.router = self.router.route(path, routes);
        self
    }

    /// Names a middleware that calls [`Recorder::passed`] with `layer`.
    pub fn recording_layer(self, layer: &'static str) -> Api {
        let previous = self.recorder.seen().layers.insert(layer, Vec::new());
        assert!(previous.is_none(), "layer `{layer}` registered twice");
        self
    }
}

/// What reached the API: requests and preflights per path, handler runs, cookies, and the
/// requests a test middleware saw. Only for the names registered through [`Api`].
#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<Seen>>);

#[derive(Default)]
struct Seen {
    /// The paths routed through [`Api::route`].
    paths: HashSet<&'static str>,
    /// Every request that reached the API, preflights included, per path (any path, also
    /// one the browser asks for on its own such as `/favicon.ico`).
    requests: HashMap<String, usize>,
    preflights: HashMap<String, usize>,
    runs: HashMap<&'static str, usize>,
    cookies: Vec<(String, Option<String>)>,
    layers: HashMap<&'static str, Vec<String>>,
}

impl Seen {
    #[track_caller]
    fn known_path(&self, path: &str) {
        assert!(
            self.paths.contains(path),
            "`{path}` is not a path of the API (known: {:?})",
            sorted(&self.paths)
        );
    }
}

fn sorted(names: &HashSet<&'static str>) -> Vec<&'static str> {
    let mut names: Vec<_> = names.iter().copied().collect();
    names.sort_unstable();
    names
}

impl Recorder {
    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Called by a test handler when it runs; panics for a handler not named to
    /// [`Api::route`].
    #[track_caller]
    pub fn ran(&self, handler: &'static str) {
        match self.seen().runs.get_mut(handler) {
            Some(runs) => *runs += 1,
            None => panic!("handler `{handler}` is not registered with Api::route"),
        }
    }

    /// How often `handler` ran. Panics for a handler not named to [`Api::route`].
    #[track_caller]
    pub fn runs(&self, handler: &str) -> usize {
        let seen = self.seen();
        match seen.runs.get(handler) {
            Some(&runs) => runs,
            None => {
                let mut known: Vec<_> = seen.runs.keys().copied().collect();
                known.sort_unstable();
                panic!("`{handler}` is not a handler of the API (known: {known:?})")
            }
        }
    }

    /// Called by a test middleware for every request it sees; panics for a layer not
    /// named to [`Api::recording_layer`].
    #[track_caller]
    pub fn passed(&self, layer: &'static str, method: &http::Method) {
        match self.seen().layers.get_mut(layer) {
            Some(methods) => methods.push(method.to_string()),
            None => panic!("layer `{layer}` is not registered with Api::recording_layer"),
        }
    }

    /// The method of every request `layer` saw, in order. Panics for a layer not named to
    /// [`Api::recording_layer`].
    #[track_caller]
    pub fn seen_by(&self, layer: &str) -> Vec<String> {
        let seen = self.seen();
        seen.layers
            .get(layer)
            .cloned()
            .unwrap_or_else(|| panic!("`{layer}` is not a recording layer of the API"))
    }

    /// Counts the requests reaching `router` (a router built elsewhere, such as an
    /// example's), whose `paths` the counting lookups then answer for.
    pub fn watch(&self, router: Router, paths: &[&'static str]) -> Router {
        {
            let mut seen = self.seen();
            for &path in paths {
                assert!(seen.paths.insert(path), "path `{path}` registered twice");
            }
        }
        router.layer(middleware::from_fn_with_state(self.clone(), record))
    }

    /// How many requests of any kind, preflights included, reached `path`. Panics for a
    /// path not routed through [`Api::route`] (or watched with [`Recorder::watch`]).
    #[track_caller]
    pub fn requests(&self, path: &str) -> usize {
        let seen = self.seen();
        seen.known_path(path);
        seen.requests.get(path).copied().unwrap_or(0)
    }

    /// How many preflights (OPTIONS with `Access-Control-Request-Method`) hit `path`.
    /// Panics for a path not routed through [`Api::route`].
    #[track_caller]
    pub fn preflights(&self, path: &str) -> usize {
        let seen = self.seen();
        seen.known_path(path);
        seen.preflights.get(path).copied().unwrap_or(0)
    }

    /// The `Cookie` header of every non-preflight request to `path`, in order. Panics for
    /// a path not routed through [`Api::route`].
    #[track_caller]
    pub fn cookies(&self, path: &str) -> Vec<Option<String>> {
        let seen = self.seen();
        seen.known_path(path);
        let of_path = seen.cookies.iter().filter(|(p, _)| p == path);
        of_path.map(|(_, cookie)| cookie.clone()).collect()
    }
}

/// The recorder's middleware on the API router: it runs for every request that reaches the
/// server, before routing, so it counts also what the policy refuses.
async fn record(State(recorder): State<Recorder>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let is_preflight = request.method() == http::Method::OPTIONS
        && request
            .headers()
            .contains_key(http::header::ACCESS_CONTROL_REQUEST_METHOD);
    {
        let mut seen = recorder.seen();
        *seen.requests.entry(path.clone()).or_default() += 1;
        if is_preflight {
            *seen.preflights.entry(path).or_default() += 1;
        } else {
            let cookie = request.headers().get(http::header::COOKIE);
            let cookie = cookie.and_then(|c| c.to_str().ok()).map(str::to_owned);
            seen.cookies.push((path, cookie));
        }
    }
    next.run(request).await
}

/// What a test body gets: the browser, the API origin and what reached the API.
pub struct Session {
    /// The WebDriver session.
    pub client: Client,
    /// `http://localhost:<ephemeral port>`.
    pub api: String,
    /// What reached the API.
    pub recorder: Recorder,
}

impl Session {
    /// Navigates the browser to `origin`'s page: scripts then run with that origin.
    pub async fn open(&self, origin: &str) {
        open(&self.client, &format!("{origin}/")).await;
    }

    /// Navigates the browser to the API's `path` (a document navigation, e.g. to get a
    /// cookie set on the API's origin).
    pub async fn visit_api(&self, path: &str) {
        open(&self.client, &format!("{}{path}", self.api)).await;
    }

    /// Runs `fetch()` of the API from the current page and returns the browser's verdict.
    pub async fn fetch(&self, call: Call) -> Outcome {
        self.call(call, FETCH_JS).await
    }

    /// The same through `XMLHttpRequest`.
    pub async fn xhr(&self, call: Call) -> Outcome {
        self.call(call, XHR_JS).await
    }

    /// Runs `call` with `script`, noting how many requests (preflight or actual) reached
    /// the call's path meanwhile: the server's evidence for [`Outcome::blocked`].
    async fn call(&self, call: Call, script: &str) -> Outcome {
        let before = self.recorder.requests(call.path);
        let mut outcome = call.run(&self.client, &self.api, script).await;
        outcome.reached = self.recorder.requests(outcome.call.path) - before;
        outcome
    }
}

/// Navigates the browser to `url`.
pub async fn open(client: &Client, url: &str) {
    client
        .goto(url)
        .await
        .unwrap_or_else(|e| panic!("navigating to {url}: {e}"));
}

/// One cross-origin call a page script makes.
#[derive(Debug, Clone)]
pub struct Call {
    method: &'static str,
    path: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: Option<&'static str>,
    credentials: bool,
    read: Vec<&'static str>,
}

impl Call {
    /// A call of `method` on the API's `path`, anonymous (`credentials: 'same-origin'`).
    pub fn new(method: &'static str, path: &'static str) -> Call {
        Call {
            method,
            path,
            headers: Vec::new(),
            body: None,
            credentials: false,
            read: Vec::new(),
        }
    }

    /// `GET path`.
    pub fn get(path: &'static str) -> Call {
        Call::new("GET", path)
    }

    /// Adds a request header.
    pub fn header(mut self, name: &'static str, value: &'static str) -> Call {
        self.headers.push((name, value));
        self
    }

    /// Sends a request body.
    pub fn body(mut self, body: &'static str) -> Call {
        self.body = Some(body);
        self
    }

    /// `credentials: 'include'` (`withCredentials = true` for XHR).
    pub fn credentials(mut self) -> Call {
        self.credentials = true;
        self
    }

    /// Has the script read this response header (`null` when not exposed).
    pub fn read(mut self, header: &'static str) -> Call {
        self.read.push(header);
        self
    }

    async fn run(self, client: &Client, api: &str, script: &str) -> Outcome {
        let args = vec![json!({
            "method": self.method,
            "url": format!("{api}{}", self.path),
            "headers": self.headers.iter().map(|&(n, v)| (n, v)).collect::<HashMap<_, _>>(),
            "body": self.body,
            "credentials": self.credentials,
            "read": self.read,
        })];
        let value = client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("script for {self:?} failed: {e}"));
        let outcome = serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("unexpected script result {value}: {e}"));
        Outcome {
            call: self,
            outcome,
            reached: 0,
        }
    }
}

/// `fetch()` with the call's options; resolves to the response as read by the script, or
/// to the error it got.
const FETCH_JS: &str = r#"
const [call, done] = arguments;
const init = { method: call.method, headers: call.headers, mode: 'cors',
               credentials: call.credentials ? 'include' : 'same-origin' };
if (call.body !== null) init.body = call.body;
fetch(call.url, init).then(async (res) => {
  const headers = {};
  for (const name of call.read) headers[name] = res.headers.get(name);
  done({ verdict: 'response', status: res.status, body: await res.text(), headers });
}, (e) => done({ verdict: 'error', error: e.name + ': ' + e.message }));
"#;

/// The same with `XMLHttpRequest`: a CORS failure is its `error` event with status 0.
const XHR_JS: &str = r#"
const [call, done] = arguments;
const xhr = new XMLHttpRequest();
xhr.open(call.method, call.url);
xhr.withCredentials = call.credentials;
for (const [name, value] of Object.entries(call.headers)) xhr.setRequestHeader(name, value);
xhr.onload = () => {
  const headers = {};
  for (const name of call.read) headers[name] = xhr.getResponseHeader(name);
  done({ verdict: 'response', status: xhr.status, body: xhr.responseText, headers });
};
xhr.onerror = () => done({ verdict: 'error', error: 'XMLHttpRequest error event, status ' + xhr.status });
xhr.send(call.body);
"#;

#[derive(Debug, Deserialize)]
#[serde(tag = "verdict", rename_all = "lowercase")]
enum Verdict {
    Response {
        status: u16,
        body: String,
        headers: HashMap<String, Option<String>>,
    },
    Error {
        error: String,
    },
}

/// The browser's verdict on one [`Call`].
#[derive(Debug)]
pub struct Outcome {
    call: Call,
    outcome: Verdict,
    /// How many requests to the call's path (preflight or actual) the server received
    /// while the script ran.
    reached: usize,
}

impl Outcome {
    /// The script could read the response: its status and body. Panics if it was blocked.
    pub fn readable(&self) -> (u16, &str) {
        match &self.outcome {
            Verdict::Response { status, body, .. } => (*status, body),
            Verdict::Error { error } => panic!(
                "the browser blocked {:?}, expected the script to read the response: {error}",
                self.call
            ),
        }
    }

    /// The value of a header the call asked to [`read`](Call::read); `None` = `null`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.readable();
        let Verdict::Response { headers, .. } = &self.outcome else {
            unreachable!("checked by readable()")
        };
        let value = headers.get(name).unwrap_or_else(|| {
            panic!(
                "`{name}` was not read; add .read({name:?}) to {:?}",
                self.call
            )
        });
        value.as_deref()
    }

    /// The browser blocked the call: the script got the CORS network error (`fetch`
    /// rejects with a `TypeError`; XHR fires `error` with status 0) and no response, and
    /// the server did receive the call (its preflight or the request itself), which tells
    /// a CORS refusal apart from a server that is down or never reached: those give the
    /// script the same network error.
    pub fn blocked(&self) {
        match &self.outcome {
            Verdict::Error { error } => {
                assert!(
                    error.starts_with("TypeError: ") || error.ends_with("status 0"),
                    "{:?} failed, but not with the CORS network error: {error}",
                    self.call
                );
                assert!(
                    self.reached > 0,
                    "{:?} failed with {error}, but the server received no request for it: \
                     the server is down or unreachable, not refusing by CORS",
                    self.call
                );
            }
            Verdict::Response { status, body, .. } => panic!(
                "expected the browser to block {:?}, but the script read {status} {body:?}",
                self.call
            ),
        }
    }
}

/// Where screenshots go: `$CARGO_TARGET_DIR/e2e` (or `target/e2e`), created if missing.
pub fn artifacts_dir() -> PathBuf {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(target)
        .join("e2e");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
    dir
}
