//! A real browser proves the CORS contract: headless Chromium loads a page from one
//! origin and its script calls an API on another, served by `#[cors]` handlers on real
//! loopback sockets. Each test asserts the browser's own verdict (the script reads the
//! response, or gets the CORS network error) and what reached the server (preflights,
//! handler runs, cookies).
//!
//! Needs `chromium` and `chromedriver` on `PATH`. Without them every test returns early
//! and passes, and the run prints one `==== SKIPPED: browser tests: ... ====` line to
//! stderr (once per test binary, not per test), except in CI (`CI` set to anything but
//! empty, `false` or `0`), where each test fails. See the README's "Browser end-to-end
//! tests".
//!
//! Every count a test reads (handler runs, preflights, requests per path) is for a name
//! registered when the API is built (`Api::route`): an unknown name panics, so a misspelt
//! one cannot make `== 0` pass. A call the browser blocked must have reached the server
//! (its preflight or the request itself), so a server that is down fails the test.
//!
//! Origin patterns are proven here too: `http://localhost:*` against pages on two ports
//! and on `127.0.0.1`, and `http://*.localhost:47811` against pages on subdomains of
//! `localhost`, which Chromium resolves to the loopback address itself; and
//! `http://app.localhost:47811` with `credentials`, loopback with no opt-in.
//!
//! WebSockets too, to which browsers apply no CORS: a page on an allowed origin
//! exchanges a message, pages on other origins get a failed handshake (`error`), and
//! the handler never runs for them.
//!
//! And middleware inside a policy (`cors_routes![...; layers = [...]]`): a bearer-auth
//! layer's `401` is readable by the page, and the layer never sees the preflight.
//!
//! And origins that change at run time (`examples/tenants.rs`): a page on a tenant's
//! domain calls the API once the domain is registered, and is blocked once it is removed.

#[path = "browser/harness.rs"]
mod harness;

/// The `cargo run --example demo` server, served as it is.
#[path = "../examples/demo.rs"]
#[allow(dead_code)]
mod demo;

/// The `cargo run --example tenants` server (tenants' domains in SQLite, a live origin
/// set), served as it is. Its set is a `static`: one test of this binary uses it.
#[path = "../examples/tenants.rs"]
#[allow(dead_code)]
mod tenants;

use std::future::Future;
use std::time::Duration;

use axum::Json;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use cors_runtime::{cors, cors_routes};
use fantoccini::Locator;
use harness::{Api, CROSS_SITE, Call, Lab, OTHER, PAGE, Recorder, Session};

// The policies name the page origins literally (an origin is checked at compile time):
// "http://localhost:47811" is `harness::PAGE`, "http://localhost:47812" is `harness::OTHER`.

#[cors(origins = ["http://localhost:47811"], methods = [GET])]
async fn simple(State(seen): State<Recorder>) -> &'static str {
    seen.ran("simple");
    "hello from simple"
}

#[cors(origins = ["http://localhost:47811"], methods = [PUT], headers = ["x-custom"])]
async fn custom(State(seen): State<Recorder>) -> &'static str {
    seen.ran("custom");
    "custom ok"
}

/// The cookie [`login`] sets.
const SESSION: &str = "session=s3cret";

/// Sets the session cookie on the API's origin.
async fn login() -> ([(axum::http::HeaderName, String); 1], &'static str) {
    let cookie = format!("{SESSION}; Path=/; HttpOnly; SameSite=Lax");
    ([(SET_COOKIE, cookie)], "logged in")
}

/// Logs in by a document navigation to the API's origin, then opens [`PAGE`]. Both are
/// `localhost`, one site, so the cookie is first-party for the page's calls.
async fn log_in(s: &Session) {
    s.visit_api("/login").await;
    s.open(PAGE).await;
}

fn cookie_of(headers: &HeaderMap) -> String {
    let cookie = headers.get(COOKIE).and_then(|c| c.to_str().ok());
    format!("cookie: {}", cookie.unwrap_or("none"))
}

#[cors(origins = ["http://localhost:47811"], methods = [GET, PUT], credentials)]
async fn me(State(seen): State<Recorder>, headers: HeaderMap) -> String {
    seen.ran("me");
    cookie_of(&headers)
}

#[cors(origins = ["http://localhost:47811"], methods = [GET])]
async fn me_anonymous(State(seen): State<Recorder>, headers: HeaderMap) -> String {
    seen.ran("me_anonymous");
    cookie_of(&headers)
}

#[cors(origins = ["http://localhost:47811"], methods = [GET], expose = ["x-request-id"])]
async fn exposed(
    State(seen): State<Recorder>,
) -> ([(&'static str, &'static str); 2], &'static str) {
    seen.ran("exposed");
    (
        [("x-request-id", "req-42"), ("x-internal", "secret")],
        "exposed",
    )
}

#[cors(origins = ["http://localhost:47811"], methods = [PUT], headers = ["x-custom"], max_age = 600)]
async fn cached(State(seen): State<Recorder>) -> &'static str {
    seen.ran("cached");
    "cached ok"
}

#[cors(origins = ["http://localhost:47811"], methods = [PUT], headers = ["x-custom"])]
async fn uncached(State(seen): State<Recorder>) -> &'static str {
    seen.ran("uncached");
    "uncached ok"
}

#[cors(origins = ["http://localhost:47811"], methods = [GET])]
async fn shared_read(State(seen): State<Recorder>) -> &'static str {
    seen.ran("shared_read");
    "read ok"
}

#[cors(origins = ["http://localhost:47812"], methods = [PUT])]
async fn shared_write(State(seen): State<Recorder>) -> &'static str {
    seen.ran("shared_write");
    "write ok"
}

#[cors(origins = ["http://localhost:47811"], methods = [GET], headers = "*")]
async fn auth_star(State(seen): State<Recorder>) -> &'static str {
    seen.ran("auth_star");
    "star ok"
}

#[cors(origins = ["http://localhost:47811"], methods = [GET], headers = ["authorization"])]
async fn auth_named(State(seen): State<Recorder>) -> &'static str {
    seen.ran("auth_named");
    "named ok"
}

#[cors(origins = ["http://localhost:47811"], methods = [GET])]
async fn fails(State(seen): State<Recorder>) -> (StatusCode, &'static str) {
    seen.ran("fails");
    (StatusCode::INTERNAL_SERVER_ERROR, "boom")
}

#[cors(origins = ["http://localhost:47811"], methods = [GET])]
async fn missing(State(seen): State<Recorder>) -> (StatusCode, &'static str) {
    seen.ran("missing");
    (StatusCode::NOT_FOUND, "no such item")
}

#[cors(origins = ["http://localhost:47811"], methods = [POST], headers = ["content-type"])]
async fn echo_json(
    State(seen): State<Recorder>,
    Json(value): Json<serde_json::Value>,
) -> Json<serde_json::Value> {
    seen.ran("echo_json");
    Json(value)
}

#[cors(origins = "*", methods = [GET], expose = ["x-request-id"])]
async fn public(State(seen): State<Recorder>) -> ([(&'static str, &'static str); 1], &'static str) {
    seen.ran("public");
    ([("x-request-id", "pub-7")], "public data")
}

#[cors(origins = ["http://localhost:*"], methods = [GET, PUT], headers = ["x-custom"])]
async fn any_local_port(State(seen): State<Recorder>) -> &'static str {
    seen.ran("any_local_port");
    "any port ok"
}

#[cors(origins = ["http://*.localhost:47811"], methods = [GET, PUT], headers = ["x-custom"])]
async fn local_subdomains(State(seen): State<Recorder>) -> &'static str {
    seen.ran("local_subdomains");
    "subdomain ok"
}

/// `credentials` with a plain-`http` name under `localhost`: loopback (RFC 6761), so no
/// `dangerously_allow_insecure_origins`.
#[cors(origins = ["http://app.localhost:47811"], methods = [GET], credentials)]
async fn local_name(State(seen): State<Recorder>) -> &'static str {
    seen.ran("local_name");
    "local name ok"
}

/// A WebSocket endpoint for pages on [`PAGE`] only, with the user's cookies: browsers
/// apply no CORS to WebSockets, so the policy itself refuses other pages' handshakes.
#[cors(origins = ["http://localhost:47811"], methods = [GET], credentials)]
async fn socket(State(seen): State<Recorder>, ws: WebSocketUpgrade) -> Response {
    seen.ran("socket");
    ws.on_upgrade(|mut socket: WebSocket| async move {
        while let Some(Ok(Message::Text(text))) = socket.recv().await {
            if socket.send(Message::Text(text)).await.is_err() {
                break;
            }
        }
    })
}

/// The `Authorization` value [`require_bearer_token`] lets through.
const TOKEN: &str = "Bearer t0k3n";

/// Bearer auth the axum way, as a layer of the `/protected` policy: notes the method of
/// every request it sees, then answers `401` unless the request carries [`TOKEN`].
async fn require_bearer_token(
    State(seen): State<Recorder>,
    request: Request,
    next: Next,
) -> Response {
    seen.passed("require_bearer_token", request.method());
    match request.headers().get(AUTHORIZATION) {
        Some(value) if value == TOKEN => next.run(request).await,
        _ => (StatusCode::UNAUTHORIZED, "log in first").into_response(),
    }
}

#[cors(origins = ["http://localhost:47811"], methods = [GET], headers = ["authorization"])]
async fn protected(State(seen): State<Recorder>) -> &'static str {
    seen.ran("protected");
    "protected data"
}

/// Opens a WebSocket to `arguments[0]` from the current page, sends `ping` and resolves to
/// the reply, or to `error` when the handshake (or the socket) fails.
const WEBSOCKET_JS: &str = r#"
const [url, done] = arguments;
let finished = false;
const finish = (result) => { if (!finished) { finished = true; done(result); } };
const socket = new WebSocket(url);
socket.onopen = () => socket.send('ping');
socket.onmessage = (event) => { finish('reply: ' + event.data); socket.close(); };
socket.onerror = () => finish('error');
socket.onclose = (event) => finish('closed: ' + event.code);
"#;

/// What the page's WebSocket script reported.
async fn websocket_from_page(s: &Session) -> String {
    let url = format!("{}/socket", s.api.replacen("http://", "ws://", 1));
    let value = s
        .client
        .execute_async(WEBSOCKET_JS, vec![serde_json::json!(url)])
        .await
        .expect("the WebSocket script ran");
    value.as_str().expect("a string").to_owned()
}

/// The API of every scenario; each test serves a fresh one, with a fresh `recorder`. Each
/// route names the handlers that record their runs under it.
fn api(recorder: &Recorder) -> Api {
    let auth = middleware::from_fn_with_state(recorder.clone(), require_bearer_token);
    Api::new(recorder)
        .route("/simple", &["simple"], cors_routes![simple])
        .route("/custom", &["custom"], cors_routes![custom])
        .route("/login", &[], get(login))
        .route("/me", &["me"], cors_routes![me])
        .route(
            "/me-anonymous",
            &["me_anonymous"],
            cors_routes![me_anonymous],
        )
        .route("/exposed", &["exposed"], cors_routes![exposed])
        .route("/cached", &["cached"], cors_routes![cached])
        .route("/uncached", &["uncached"], cors_routes![uncached])
        .route(
            "/shared",
            &["shared_read", "shared_write"],
            cors_routes![shared_read, shared_write],
        )
        .route("/auth-star", &["auth_star"], cors_routes![auth_star])
        .route("/auth-named", &["auth_named"], cors_routes![auth_named])
        .route("/fails", &["fails"], cors_routes![fails])
        .route("/missing", &["missing"], cors_routes![missing])
        .route("/echo-json", &["echo_json"], cors_routes![echo_json])
        .route("/public", &["public"], cors_routes![public])
        .route(
            "/any-port",
            &["any_local_port"],
            cors_routes![any_local_port],
        )
        .route(
            "/subdomains",
            &["local_subdomains"],
            cors_routes![local_subdomains],
        )
        .route("/socket", &["socket"], cors_routes![socket])
        .route("/local-name", &["local_name"], cors_routes![local_name])
        .route(
            "/protected",
            &["protected"],
            cors_routes![protected; layers = [auth]],
        )
        .recording_layer("require_bearer_token")
}

async fn scenario<F, Fut>(test: F)
where
    F: FnOnce(Session) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    harness::run(api, test).await;
}

/// `PUT` with the custom header the `custom`, `cached` and `uncached` policies allow.
fn put_custom(path: &'static str) -> Call {
    Call::new("PUT", path).header("x-custom", "1")
}

#[tokio::test]
async fn simple_get_from_allowed_origin_is_readable_without_preflight() {
    scenario(|s| async move {
        s.open(PAGE).await;
        let got = s.fetch(Call::get("/simple")).await;
        assert_eq!(got.readable(), (200, "hello from simple"));
        assert_eq!(s.recorder.runs("simple"), 1);
        assert_eq!(
            s.recorder.preflights("/simple"),
            0,
            "a simple GET sends no preflight"
        );
    })
    .await;
}

#[tokio::test]
async fn simple_get_from_disallowed_origin_is_blocked_but_the_handler_ran() {
    scenario(|s| async move {
        s.open(OTHER).await;
        s.fetch(Call::get("/simple")).await.blocked();
        s.xhr(Call::get("/simple")).await.blocked();
        assert_eq!(
            s.recorder.runs("simple"),
            2,
            "a simple request reaches the handler; only the browser withholds the response"
        );
        assert_eq!(s.recorder.preflights("/simple"), 0);
    })
    .await;
}

#[tokio::test]
async fn put_with_allowed_custom_header_sends_one_preflight_then_succeeds() {
    scenario(|s| async move {
        s.open(PAGE).await;
        let got = s.fetch(put_custom("/custom")).await;
        assert_eq!(got.readable(), (200, "custom ok"));
        assert_eq!(s.recorder.preflights("/custom"), 1);
        assert_eq!(s.recorder.runs("custom"), 1);
    })
    .await;
}

#[tokio::test]
async fn put_with_a_header_not_allowed_is_blocked_before_the_handler() {
    scenario(|s| async move {
        s.open(PAGE).await;
        let call = Call::new("PUT", "/custom").header("x-other", "1");
        s.fetch(call).await.blocked();
        assert_eq!(
            s.recorder.preflights("/custom"),
            1,
            "the preflight was asked, and refused"
        );
        assert_eq!(
            s.recorder.runs("custom"),
            0,
            "the actual request was never sent"
        );
    })
    .await;
}

#[tokio::test]
async fn method_not_allowed_is_blocked_before_the_handler() {
    scenario(|s| async move {
        s.open(PAGE).await;
        // `/custom` is routed on PUT only; `/simple` on GET only.
        let delete = Call::new("DELETE", "/custom").header("x-custom", "1");
        s.fetch(delete).await.blocked();
        s.fetch(Call::new("PATCH", "/simple")).await.blocked();
        assert_eq!(s.recorder.preflights("/custom"), 1);
        assert_eq!(s.recorder.preflights("/simple"), 1);
        assert_eq!(s.recorder.runs("custom"), 0);
        assert_eq!(s.recorder.runs("simple"), 0);
    })
    .await;
}

#[tokio::test]
async fn credentials_policy_gets_the_cookie_and_the_script_reads_the_answer() {
    scenario(|s| async move {
        log_in(&s).await;
        let with_cookie = s.fetch(Call::get("/me").credentials()).await;
        assert_eq!(with_cookie.readable(), (200, "cookie: session=s3cret"));
        // Preflighted too: the preflight answer also carries Allow-Credentials.
        let put = s.fetch(Call::new("PUT", "/me").credentials()).await;
        assert_eq!(put.readable(), (200, "cookie: session=s3cret"));
        assert_eq!(s.recorder.preflights("/me"), 1);
        let anonymous = s.fetch(Call::get("/me")).await;
        assert_eq!(anonymous.readable(), (200, "cookie: none"));
        assert_eq!(
            s.recorder.cookies("/me"),
            [Some(SESSION.to_owned()), Some(SESSION.to_owned()), None]
        );
    })
    .await;
}

#[tokio::test]
async fn credentialed_call_to_a_policy_without_credentials_is_blocked() {
    scenario(|s| async move {
        log_in(&s).await;
        // The response lacks Access-Control-Allow-Credentials: the browser sent the cookie,
        // the handler ran, and the script gets nothing.
        s.fetch(Call::get("/me-anonymous").credentials())
            .await
            .blocked();
        s.xhr(Call::get("/me-anonymous").credentials())
            .await
            .blocked();
        assert_eq!(s.recorder.runs("me_anonymous"), 2);
        assert_eq!(
            s.recorder.cookies("/me-anonymous"),
            [Some(SESSION.to_owned()), Some(SESSION.to_owned())]
        );
        // The same policy answers an anonymous call.
        let anonymous = s.fetch(Call::get("/me-anonymous")).await;
        assert_eq!(anonymous.readable(), (200, "cookie: none"));
    })
    .await;
}

#[tokio::test]
async fn head_follows_the_get_policy() {
    scenario(|s| async move {
        s.open(PAGE).await;
        let head = s.fetch(Call::new("HEAD", "/simple")).await;
        assert_eq!(head.readable(), (200, ""));
        s.open(OTHER).await;
        s.fetch(Call::new("HEAD", "/simple")).await.blocked();
        assert_eq!(
            s.recorder.runs("simple"),
            2,
            "axum answers HEAD with the GET handler"
        );
        assert_eq!(
            s.recorder.preflights("/simple"),
            0,
            "HEAD is a simple method"
        );
    })
    .await;
}

#[tokio::test]
async fn exposed_header_is_readable_and_others_read_as_null() {
    scenario(|s| async move {
        s.open(PAGE).await;
        let call = Call::get("/exposed")
            .read("x-request-id")
            .read("x-internal");
        for got in [s.fetch(call.clone()).await, s.xhr(call).await] {
            assert_eq!(got.readable(), (200, "exposed"));
            assert_eq!(got.header("x-request-id"), Some("req-42"));
            assert_eq!(
                got.header("x-internal"),
                None,
                "not exposed: null to scripts"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn max_age_keeps_the_preflight_cached_past_the_browser_default() {
    scenario(|s| async move {
        s.open(PAGE).await;
        s.fetch(put_custom("/cached")).await.readable();
        s.fetch(put_custom("/uncached")).await.readable();
        // Immediately again: Chromium caches even a preflight without Max-Age for 5 s.
        s.fetch(put_custom("/uncached")).await.readable();
        assert_eq!(s.recorder.preflights("/cached"), 1);
        assert_eq!(s.recorder.preflights("/uncached"), 1);

        // Past Chromium's default of 5 s only `max_age = 600` still holds.
        tokio::time::sleep(Duration::from_secs(6)).await;
        s.fetch(put_custom("/cached")).await.readable();
        s.fetch(put_custom("/uncached")).await.readable();
        assert_eq!(
            s.recorder.preflights("/cached"),
            1,
            "Max-Age: 600 kept it cached"
        );
        assert_eq!(
            s.recorder.preflights("/uncached"),
            2,
            "the default cache expired"
        );
        assert_eq!(s.recorder.runs("cached"), 2);
        assert_eq!(s.recorder.runs("uncached"), 3);
    })
    .await;
}

#[tokio::test]
async fn two_handlers_on_one_path_each_allow_only_their_own_origin() {
    scenario(|s| async move {
        // GET is `shared_read`, allowed from PAGE; PUT is `shared_write`, from OTHER.
        s.open(PAGE).await;
        assert_eq!(
            s.fetch(Call::get("/shared")).await.readable(),
            (200, "read ok")
        );
        s.fetch(Call::new("PUT", "/shared")).await.blocked();
        assert_eq!(
            s.recorder.runs("shared_write"),
            0,
            "its preflight was refused"
        );

        s.open(OTHER).await;
        let put = s.fetch(Call::new("PUT", "/shared")).await;
        assert_eq!(put.readable(), (200, "write ok"));
        s.fetch(Call::get("/shared")).await.blocked();

        assert_eq!(
            s.recorder.runs("shared_read"),
            2,
            "simple GETs always reach it"
        );
        assert_eq!(s.recorder.runs("shared_write"), 1);
        assert_eq!(
            s.recorder.preflights("/shared"),
            2,
            "one per PUT, none per GET"
        );
    })
    .await;
}

#[tokio::test]
async fn authorization_needs_to_be_listed_by_name() {
    scenario(|s| async move {
        s.open(PAGE).await;
        let bearer = |path| Call::get(path).header("authorization", "Bearer t0k3n");
        s.fetch(bearer("/auth-star")).await.blocked();
        assert_eq!(
            s.recorder.runs("auth_star"),
            0,
            "`headers = \"*\"` does not cover it"
        );
        // Any other header is covered by the wildcard.
        let other = s
            .fetch(Call::get("/auth-star").header("x-anything", "1"))
            .await;
        assert_eq!(other.readable(), (200, "star ok"));

        let named = s.fetch(bearer("/auth-named")).await;
        assert_eq!(named.readable(), (200, "named ok"));
        assert_eq!(s.recorder.runs("auth_named"), 1);
    })
    .await;
}

#[tokio::test]
async fn handler_errors_and_extractor_rejections_are_readable() {
    scenario(|s| async move {
        s.open(PAGE).await;
        assert_eq!(s.fetch(Call::get("/fails")).await.readable(), (500, "boom"));
        let missing = s.fetch(Call::get("/missing")).await;
        assert_eq!(missing.readable(), (404, "no such item"));

        // The `Json` extractor rejects the body before the handler runs: still readable.
        let bad_json = Call::new("POST", "/echo-json")
            .header("content-type", "application/json")
            .body("{not json");
        let (status, _) = s.fetch(bad_json).await.readable();
        assert_eq!(status, 400);
        assert_eq!(s.recorder.runs("echo_json"), 0);
        let good_json = Call::new("POST", "/echo-json")
            .header("content-type", "application/json")
            .body(r#"{"a":1}"#);
        assert_eq!(s.fetch(good_json).await.readable(), (200, r#"{"a":1}"#));
    })
    .await;
}

#[tokio::test]
async fn any_origin_policy_is_readable_from_every_page_but_not_with_credentials() {
    scenario(|s| async move {
        for origin in [PAGE, OTHER, CROSS_SITE] {
            s.open(origin).await;
            let got = s.fetch(Call::get("/public").read("x-request-id")).await;
            assert_eq!(got.readable(), (200, "public data"), "from {origin}");
            assert_eq!(got.header("x-request-id"), Some("pub-7"));
        }
        // `Access-Control-Allow-Origin: *` never satisfies a credentialed request.
        s.fetch(Call::get("/public").credentials()).await.blocked();
        assert_eq!(s.recorder.runs("public"), 4);
    })
    .await;
}

#[tokio::test]
async fn port_and_subdomain_patterns_allow_exactly_the_matching_pages() {
    scenario(|s| async move {
        // `http://localhost:*`: both ports of localhost, not the same page on 127.0.0.1.
        for page in [PAGE, OTHER] {
            s.open(page).await;
            let get = s.fetch(Call::get("/any-port")).await;
            assert_eq!(get.readable(), (200, "any port ok"), "from {page}");
            let put = s.fetch(put_custom("/any-port")).await;
            assert_eq!(put.readable(), (200, "any port ok"), "from {page}");
        }
        s.open(CROSS_SITE).await;
        s.fetch(Call::get("/any-port")).await.blocked();
        s.fetch(put_custom("/any-port")).await.blocked();
        assert_eq!(s.recorder.preflights("/any-port"), 3, "one PUT per page");
        assert_eq!(
            s.recorder.runs("any_local_port"),
            5,
            "four allowed calls and the simple GET from 127.0.0.1; its PUT was never sent"
        );

        // `http://*.localhost:47811`: subdomains at any depth, not localhost itself.
        for page in ["http://app.localhost:47811", "http://a.b.localhost:47811"] {
            s.open(page).await;
            let get = s.fetch(Call::get("/subdomains")).await;
            assert_eq!(get.readable(), (200, "subdomain ok"), "from {page}");
            let put = s.fetch(put_custom("/subdomains")).await;
            assert_eq!(put.readable(), (200, "subdomain ok"), "from {page}");
        }
        for page in [PAGE, "http://app.localhost:47812"] {
            s.open(page).await;
            s.fetch(Call::get("/subdomains")).await.blocked();
            s.fetch(put_custom("/subdomains")).await.blocked();
        }
        assert_eq!(s.recorder.preflights("/subdomains"), 4);
        assert_eq!(s.recorder.runs("local_subdomains"), 6);
    })
    .await;
}

#[tokio::test]
async fn demo_page_shows_the_allowed_call_and_the_blocked_one() {
    let Some(mut lab) = Lab::start().await else {
        return;
    };
    // The demo's policy allows exactly http://localhost:8080, so the demo's own ports.
    let recorder = Recorder::default();
    let watched = recorder.watch(demo::api(), &["/api/greeting", "/api/partner-only"]);
    let api = lab.serve(harness::bind_fixed(demo::API_PORT).await, watched);
    let page = lab.serve(harness::bind_fixed(demo::PAGE_PORT).await, demo::page(&api));
    lab.drive(|client| async move {
        harness::open(&client, &format!("{page}/")).await;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("body[data-done]"))
            .await
            .expect("the demo page finished both calls");
        let screenshot = client.screenshot().await.expect("screenshot");
        let path = harness::artifacts_dir().join("demo.png");
        std::fs::write(&path, screenshot).expect("saving the screenshot");
        eprintln!("screenshot: {}", path.display());

        for (id, class, says) in [
            ("allowed", "ok", "Hello from the API"),
            ("blocked", "blocked", "TypeError"),
        ] {
            let element = client.find(Locator::Id(id)).await.expect(id);
            let text = element.text().await.expect("text");
            assert_eq!(
                element.attr("class").await.expect("class").as_deref(),
                Some(class),
                "#{id}: {text}"
            );
            assert!(text.contains(says), "#{id} says {text:?}");
        }
        let allowed = client.find(Locator::Id("allowed")).await.expect("#allowed");
        let text = allowed.text().await.expect("text");
        assert!(
            text.contains("x-served-by: cors-demo"),
            "the exposed header is readable: {text:?}"
        );
        assert_eq!(recorder.requests("/api/greeting"), 1);
        assert_eq!(
            recorder.requests("/api/partner-only"),
            1,
            "the blocked call reached the server: a CORS refusal, not a server that is down"
        );
    })
    .await;
}

#[tokio::test]
async fn websocket_handshakes_follow_the_policy() {
    scenario(|s| async move {
        s.open(PAGE).await;
        assert_eq!(websocket_from_page(&s).await, "reply: ping");
        assert_eq!(s.recorder.runs("socket"), 1);
        // Another port of localhost and another site: the browser sends the handshake
        // (no CORS for WebSockets), the server refuses it before the handler runs.
        for page in [OTHER, CROSS_SITE] {
            s.open(page).await;
            let before = s.recorder.requests("/socket");
            assert_eq!(websocket_from_page(&s).await, "error", "from {page}");
            assert_eq!(
                s.recorder.requests("/socket"),
                before + 1,
                "the server received (and refused) the handshake from {page}: the error is \
                 not a server that is down"
            );
        }
        assert_eq!(
            s.recorder.runs("socket"),
            1,
            "no handler run for a refused handshake"
        );
    })
    .await;
}

#[tokio::test]
async fn a_name_under_localhost_is_a_loopback_origin_for_credentials() {
    scenario(|s| async move {
        s.open("http://app.localhost:47811").await;
        let call = s.fetch(Call::get("/local-name").credentials()).await;
        assert_eq!(call.readable(), (200, "local name ok"));
        s.open(PAGE).await;
        s.fetch(Call::get("/local-name").credentials())
            .await
            .blocked();
        assert_eq!(
            s.recorder.runs("local_name"),
            2,
            "a simple GET runs either way"
        );
    })
    .await;
}

/// A page on another origin reads the auth layer's `401` and body (the layer's answer
/// carries the policy's headers), then with the token gets `200`; the one preflight the
/// token caused is answered by the policy and never reaches the layer.
#[tokio::test]
async fn auth_layer_refusal_is_readable_and_the_layer_never_sees_the_preflight() {
    scenario(|s| async move {
        s.open(PAGE).await;
        let anonymous = s.fetch(Call::get("/protected")).await;
        assert_eq!(anonymous.readable(), (401, "log in first"));
        assert_eq!(
            s.recorder.preflights("/protected"),
            0,
            "without a token it is a simple GET"
        );

        let with_token = Call::get("/protected").header("authorization", TOKEN);
        let got = s.fetch(with_token).await;
        assert_eq!(got.readable(), (200, "protected data"));
        assert_eq!(
            s.recorder.preflights("/protected"),
            1,
            "Authorization is not safelisted"
        );
        assert_eq!(
            s.recorder.seen_by("require_bearer_token"),
            ["GET", "GET"],
            "the layer saw both GETs and no OPTIONS"
        );
        assert_eq!(
            s.recorder.runs("protected"),
            1,
            "only the call with the token"
        );
    })
    .await;
}

/// The `Authorization` of the tenants example's admin API in the browser test.
const TENANTS_ADMIN: &str = "Bearer admin-t0ken";

/// `method /admin/domains` of the tenants example with `{"origin": origin}`: its status.
async fn tenant_domain(api: &str, method: reqwest::Method, origin: &str) -> StatusCode {
    let url = format!(
        "{}/admin/domains",
        api.replacen("localhost", "127.0.0.1", 1)
    );
    let response = reqwest::Client::new()
        .request(method, url)
        .header("authorization", TENANTS_ADMIN)
        .header("content-type", "application/json")
        .body(serde_json::json!({ "origin": origin }).to_string())
        .send()
        .await
        .expect("the admin API answers");
    response.status()
}

/// Waits (bounded) until the example's refresh has brought the live set to `entries`.
async fn live_set_becomes(entries: &[&str]) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while tenants::TENANT_ORIGINS.entries() != entries {
        assert!(
            std::time::Instant::now() < deadline,
            "the live set is {:?}, not {entries:?}, after 20 s",
            tenants::TENANT_ORIGINS.entries()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// examples/tenants.rs in Chromium: the page on [`PAGE`] is a tenant's domain. Before it
/// is registered its calls are blocked; registered through the admin API, its GET and
/// its JSON `PUT` (preflighted) are readable from the next refresh; removed, they are
/// blocked again. The policy has no `max_age`; a write the browser may still send on a
/// preflight grant it cached is refused by `strict` before the handler.
#[tokio::test]
async fn a_tenant_page_calls_the_api_while_its_domain_is_registered() {
    let Some(mut lab) = Lab::start().await else {
        return;
    };
    lab.serve(
        harness::bind_fixed(harness::PAGE_PORT).await,
        harness::blank_page(),
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = tenants::Store::open(dir.path().join("tenants.db")).expect("the database");
    let state = tenants::AppState::new(store, TENANTS_ADMIN.trim_start_matches("Bearer "));
    let recorder = Recorder::default();
    let paths = ["/api/invoices", "/api/invoices/1", "/api/invoices/2"];
    let watched = recorder.watch(tenants::app(state.clone()), &paths);
    let refresher = state.refresh_origins(Duration::from_millis(100));
    let api = lab.serve(harness::bind_ephemeral().await, watched);
    lab.drive(move |client| async move {
        let s = Session {
            client,
            api,
            recorder,
        };
        let list = || Call::get("/api/invoices");
        let pay = |path| {
            Call::new("PUT", path)
                .header("content-type", "application/json")
                .body(r#"{"paid":true}"#)
        };
        let runs = || {
            let stats = state.stats();
            (stats.list_calls, stats.update_calls)
        };
        live_set_becomes(&[]).await;
        s.open(PAGE).await;

        // Not registered: the GET runs but is unreadable; the PUT's preflight is refused.
        s.fetch(list()).await.blocked();
        s.fetch(pay("/api/invoices/1")).await.blocked();
        assert_eq!(runs(), (1, 0));
        assert_eq!(s.recorder.preflights("/api/invoices/1"), 1);

        assert_eq!(
            tenant_domain(&s.api, reqwest::Method::POST, PAGE).await,
            StatusCode::CREATED
        );
        live_set_becomes(&[PAGE]).await;
        let listed = s.fetch(list()).await;
        assert_eq!(
            listed.readable(),
            (
                200,
                r#"[{"id":1,"customer":"Acme Corp","amount_cents":12000,"paid":false},{"id":2,"customer":"Globex","amount_cents":4550,"paid":false}]"#
            )
        );
        let paid = s.fetch(pay("/api/invoices/1")).await;
        assert_eq!(
            paid.readable(),
            (
                200,
                r#"{"id":1,"customer":"Acme Corp","amount_cents":12000,"paid":true}"#
            )
        );
        assert_eq!(runs(), (2, 1));
        assert_eq!(
            s.recorder.preflights("/api/invoices/1"),
            2,
            "the refused preflight was not cached"
        );
        assert_eq!(s.recorder.requests("/api/invoices/1"), 3);

        assert_eq!(
            tenant_domain(&s.api, reqwest::Method::DELETE, PAGE).await,
            StatusCode::NO_CONTENT
        );
        live_set_becomes(&[]).await;
        s.fetch(list()).await.blocked();
        // Within 5 s of its granted preflight the browser may send this PUT on the cached
        // grant (refused by `strict`: 403) or preflight again (refused): one request
        // reaches the server either way, and the handler never runs.
        s.fetch(pay("/api/invoices/1")).await.blocked();
        assert_eq!(s.recorder.requests("/api/invoices/1"), 4);
        // A path without a cached grant: its preflight is refused, nothing else is sent.
        s.fetch(pay("/api/invoices/2")).await.blocked();
        assert_eq!(s.recorder.preflights("/api/invoices/2"), 1);
        assert_eq!(s.recorder.requests("/api/invoices/2"), 1);
        assert_eq!(runs(), (3, 1), "the GET ran, unreadable; no PUT ran");
        assert_eq!(
            s.recorder.preflights("/api/invoices"),
            0,
            "a simple GET sends no preflight"
        );
    })
    .await;
    refresher.abort();
}
