//! Helpers shared by the integration tests: request builders, readers of the CORS
//! response headers, handler call counters and a loopback server.
// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::response::Response;
use http::header::{HeaderMap, VARY};
use http::{HeaderValue, Method, Request, StatusCode};
use tower::ServiceExt;

/// The first allowed origin of the test policies.
pub const A: &str = "https://a.example";
/// The second allowed origin of the test policies.
pub const B: &str = "https://b.example";
/// An origin no test policy allows.
pub const EVIL: &str = "https://evil.example";

/// `Access-Control-Allow-Origin`, as the tests compare names.
pub const ACAO: &str = "access-control-allow-origin";
/// `Access-Control-Allow-Credentials`.
pub const ACAC: &str = "access-control-allow-credentials";
/// `Access-Control-Allow-Methods`.
pub const ACAM: &str = "access-control-allow-methods";
/// `Access-Control-Allow-Headers`.
pub const ACAH: &str = "access-control-allow-headers";
/// `Access-Control-Expose-Headers`.
pub const ACEH: &str = "access-control-expose-headers";
/// `Access-Control-Max-Age`.
pub const ACMA: &str = "access-control-max-age";
/// `Access-Control-Allow-Private-Network`.
pub const ACAPN: &str = "access-control-allow-private-network";

/// `Vary` of every preflight answer, success or failure (README, "Behaviour").
pub const PREFLIGHT_VARY: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

/// How many times each handler ran, shared with the handlers through `State`.
#[derive(Clone, Debug)]
pub struct Calls(Arc<HashMap<&'static str, AtomicUsize>>);

impl Calls {
    /// Counters, all zero, for the named handlers.
    pub fn new(handlers: &[&'static str]) -> Calls {
        Calls(Arc::new(
            handlers
                .iter()
                .map(|&name| (name, AtomicUsize::new(0)))
                .collect(),
        ))
    }

    /// Records one run of `handler`.
    pub fn hit(&self, handler: &str) {
        self.counter(handler).fetch_add(1, Ordering::SeqCst);
    }

    /// How many times `handler` ran.
    pub fn count(&self, handler: &str) -> usize {
        self.counter(handler).load(Ordering::SeqCst)
    }

    /// How many times any handler ran.
    pub fn total(&self) -> usize {
        self.0.values().map(|c| c.load(Ordering::SeqCst)).sum()
    }

    /// Asserts how many times every handler ran: each listed one exactly its count, every
    /// other one never. Panics on a name without a counter, so a misspelt one cannot pass.
    #[track_caller]
    pub fn assert_runs(&self, expected: &[(&str, usize)]) {
        for (handler, _) in expected {
            self.counter(handler);
        }
        let mut names: Vec<&&'static str> = self.0.keys().collect();
        names.sort();
        for name in names {
            let want = expected
                .iter()
                .find(|(n, _)| n == name)
                .map_or(0, |(_, count)| *count);
            assert_eq!(self.count(name), want, "runs of handler `{name}`");
        }
    }

    fn counter(&self, handler: &str) -> &AtomicUsize {
        self.0
            .get(handler)
            .unwrap_or_else(|| panic!("no counter for handler `{handler}`"))
    }
}

/// A request with an empty body and the given header lines (in order; a name given twice
/// makes two field lines).
pub fn request(method: &str, uri: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::builder()
        .method(Method::from_bytes(method.as_bytes()).expect("valid method"))
        .uri(uri)
        .body(Body::empty())
        .expect("valid request");
    for (name, value) in headers {
        request = with_header(request, name, value.as_bytes());
    }
    request
}

/// An actual (non-preflight) request, with an `Origin` line when `origin` is given.
pub fn actual(method: &str, uri: &str, origin: Option<&str>) -> Request<Body> {
    match origin {
        Some(origin) => request(method, uri, &[("origin", origin)]),
        None => request(method, uri, &[]),
    }
}

/// A preflight: `OPTIONS` with `Origin`, `Access-Control-Request-Method` and, when
/// given, one `Access-Control-Request-Headers` line.
pub fn preflight(
    uri: &str,
    origin: &str,
    method: &str,
    request_headers: Option<&str>,
) -> Request<Body> {
    let mut headers = vec![
        ("origin", origin),
        ("access-control-request-method", method),
    ];
    if let Some(names) = request_headers {
        headers.push(("access-control-request-headers", names));
    }
    request("OPTIONS", uri, &headers)
}

/// Appends one header line with arbitrary (valid `HeaderValue`) bytes.
pub fn with_header(mut request: Request<Body>, name: &str, value: &[u8]) -> Request<Body> {
    let name = http::HeaderName::from_bytes(name.as_bytes()).expect("valid header name");
    let value = HeaderValue::from_bytes(value).expect("valid header value bytes");
    request.headers_mut().append(name, value);
    request
}

/// Sends `request` through the router, as axum would for a connection.
pub async fn send(app: &Router, request: Request<Body>) -> Response {
    match app.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// The whole body of a response.
pub async fn body(response: Response) -> Bytes {
    axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("readable body")
}

/// Every `access-control-*` field line of a response as (lower-case name, value), sorted
/// by name; lines of one name keep their order, so a duplicate shows up twice.
pub fn cors_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = headers
        .iter()
        .filter(|(name, _)| name.as_str().starts_with("access-control-"))
        .map(|(name, value)| (name.as_str().to_owned(), lossy(value.as_bytes())))
        .collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    lines
}

/// Asserts that the CORS headers are exactly `expected` (names in lower case, any order):
/// each value, and for each name its number of field lines.
#[track_caller]
pub fn assert_cors(headers: &HeaderMap, expected: &[(&str, &str)]) {
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(cors_headers(headers), want, "Access-Control-* headers");
    for (name, _) in expected {
        let wanted = expected.iter().filter(|(n, _)| n == name).count();
        assert_eq!(
            headers.get_all(*name).iter().count(),
            wanted,
            "number of `{name}` field lines"
        );
    }
}

/// Asserts the exact CORS answer of a response: its `access-control-*` lines are exactly
/// `cors` (as [`assert_cors`]) and its `Vary` lines exactly `vary_lines`, in order.
#[track_caller]
pub fn assert_cors_vary(headers: &HeaderMap, cors: &[(&str, &str)], vary_lines: &[&str]) {
    assert_cors(headers, cors);
    assert_eq!(vary(headers), vary_lines, "Vary field lines");
}

/// Every value of a header, one entry per field line.
pub fn lines(headers: &HeaderMap, name: &str) -> Vec<String> {
    headers
        .get_all(name)
        .iter()
        .map(|v| lossy(v.as_bytes()))
        .collect()
}

/// The `Vary` field lines.
pub fn vary(headers: &HeaderMap) -> Vec<String> {
    lines(headers, VARY.as_str())
}

/// A refused preflight is `403`, empty body, no `Access-Control-*` header (Fetch, CORS
/// protocol, HTTP responses: "the 403 status can be used, coupled with omitting the
/// relevant headers"; README, "Behaviour").
pub async fn assert_refused_preflight(response: Response) {
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_cors_vary(response.headers(), &[], &[PREFLIGHT_VARY]);
    assert!(body(response).await.is_empty(), "a refusal has no body");
}

/// Serves `app` on an ephemeral loopback port in a background task.
pub async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let addr = listener.local_addr().expect("bound address");
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("server runs");
    });
    addr
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every line a `tracing` subscriber writes, one event per line (no time, no colours).
#[derive(Clone, Default)]
pub struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl Captured {
    /// Captures every event at `level` and above, of every target, on this thread until
    /// the guard is dropped.
    pub fn events(level: tracing::Level) -> (Captured, tracing::subscriber::DefaultGuard) {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(captured.clone())
            .with_max_level(level)
            .with_ansi(false)
            .without_time()
            .finish();
        (captured, tracing::subscriber::set_default(subscriber))
    }

    /// The lines written so far.
    pub fn lines(&self) -> Vec<String> {
        let bytes = self.0.lock().unwrap().clone();
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}
