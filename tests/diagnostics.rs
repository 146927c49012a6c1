//! README, "Debugging a refusal": every refusal emits exactly one `tracing` event (target
//! `cors`) naming the route, the handler, the origin and the exact reason: `warn`, with
//! the fix, for the first refusal of each kind per handler, `debug` after that; the
//! success path logs nothing above trace level.

mod support;

use axum::Router;
use cors_runtime::{cors, cors_routes};

use support::{A, Captured, EVIL, actual, preflight, request, send};

#[cors(
    origins = ["https://a.example"],
    methods = [GET, PUT],
    headers = ["content-type", "x-token"],
    strict
)]
async fn items() -> &'static str {
    "items"
}

fn partner_origins() -> Vec<&'static str> {
    vec!["https://partner.example", "https://*.tenants.example"]
}

#[cors(origins = [from_fn(partner_origins)], methods = [GET])]
async fn partners() -> &'static str {
    "partners"
}

fn app() -> Router {
    Router::new()
        .nest(
            "/api",
            Router::new().route("/items/{id}", cors_routes![items]),
        )
        .route("/partners", cors_routes![partners])
}

/// Sends `request` with every event of every target at debug and above captured.
async fn events_of(request: http::Request<axum::body::Body>) -> Vec<String> {
    let (captured, _guard) = Captured::events(tracing::Level::DEBUG);
    send(&app(), request).await;
    captured.lines()
}

/// One refusal event: `warn` or `debug`, depending on whether another test of this
/// process already refused the same kind of request to the same handler.
fn assert_one_refusal(events: &[String], reason: &str) {
    assert_eq!(events.len(), 1, "{events:#?}");
    let event = &events[0];
    assert!(
        event.contains("DEBUG cors:") || event.contains("WARN cors:"),
        "{event}"
    );
    for part in [
        "CORS request refused",
        r#"route="/api/items/{id}""#,
        r#"handler="items""#,
        reason,
    ] {
        assert!(event.contains(part), "`{part}` missing from {event}");
    }
}

#[tokio::test]
async fn refused_origin_names_route_handler_origin_and_allowed_list() {
    let events = events_of(preflight("/api/items/1", EVIL, "PUT", None)).await;
    assert_one_refusal(
        &events,
        r#"origin not in allowed origins ["https://a.example"]"#,
    );
    assert!(
        events[0].contains("origin=https://evil.example"),
        "{}",
        events[0]
    );

    let events = events_of(actual("GET", "/api/items/1", Some(EVIL))).await;
    assert_one_refusal(&events, "origin not in allowed origins");
}

#[tokio::test]
async fn refused_header_names_the_header_and_the_allowed_ones() {
    let events = events_of(preflight("/api/items/1", A, "PUT", Some("x-token, x-foo"))).await;
    assert_one_refusal(
        &events,
        r#"header `x-foo` not in allowed headers ["content-type", "x-token"]"#,
    );
}

#[tokio::test]
async fn refused_method_names_the_method() {
    let events = events_of(preflight("/api/items/1", A, "DELETE", None)).await;
    assert_eq!(events.len(), 1, "{events:#?}");
    assert!(
        events[0].contains("method `DELETE` is not routed with a CORS policy on this path"),
        "{}",
        events[0]
    );
}

#[tokio::test]
async fn oversized_header_list_says_so_without_echoing_it() {
    let commas = ",".repeat(1 << 20);
    let events = events_of(preflight("/api/items/1", A, "PUT", Some(&commas))).await;
    assert_one_refusal(&events, "is 1048576 bytes, over the 8192-byte cap");
    assert!(events[0].len() < 1024, "the event must not carry the list");
}

#[tokio::test]
async fn strict_refusal_says_the_handler_did_not_run() {
    let events = events_of(actual("PUT", "/api/items/1", Some(EVIL))).await;
    assert_one_refusal(&events, "strict mode");
}

#[tokio::test]
async fn allowed_requests_and_requests_without_origin_log_nothing() {
    for request in [
        preflight("/api/items/1", A, "PUT", Some("content-type")),
        actual("GET", "/api/items/1", Some(A)),
        actual("PUT", "/api/items/1", Some(A)),
        actual("GET", "/api/items/1", None),
    ] {
        let events = events_of(request).await;
        assert!(events.is_empty(), "{events:#?}");
    }
}

#[tokio::test]
async fn websocket_refusal_names_the_handshake() {
    let handshake = request(
        "GET",
        "/api/items/1",
        &[
            ("origin", EVIL),
            ("connection", "Upgrade"),
            ("upgrade", "websocket"),
        ],
    );
    let events = events_of(handshake).await;
    assert_one_refusal(
        &events,
        "WebSocket handshake from an origin the policy does not allow",
    );
}

#[tokio::test]
async fn refused_origin_lists_the_origins_read_at_run_time() {
    let events = events_of(actual("GET", "/partners", Some(EVIL))).await;
    assert_eq!(events.len(), 1, "{events:#?}");
    let expected =
        r#"origin not in allowed origins ["https://partner.example", "https://*.tenants.example"]"#;
    assert!(events[0].contains(expected), "{}", events[0]);
    assert!(events[0].contains(r#"handler="partners""#), "{}", events[0]);
}

#[cors(origins = ["https://a.example"], methods = [POST])]
async fn create_order(body: String) -> String {
    body
}

/// The usual mistake: a JSON POST from the page, without `headers = ["content-type"]`.
/// An app logging at the usual `info` level sees the first refusal, with the fix, once;
/// the same refusal again is a `debug` event only.
#[tokio::test]
async fn the_first_refusal_of_a_kind_is_a_warning_with_the_fix() {
    let app = Router::new().route("/orders", cors_routes![create_order]);
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .without_time()
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let json_post = || preflight("/orders", A, "POST", Some("content-type"));
    send(&app, json_post()).await;
    send(&app, json_post()).await;
    let events = captured.lines();
    assert_eq!(
        events,
        [concat!(
            r#" WARN cors: CORS request refused; the browser shows only "blocked by CORS policy" "#,
            r#"(shown once per handler and kind of refusal; all of them are `debug` events of target `cors`) "#,
            r#"route="/orders" handler="create_order" origin=https://a.example "#,
            r#"reason=header `content-type` not in allowed headers [] "#,
            r#"fix=if the page may send `content-type`, add it to `headers` in the #[cors] of `create_order` (a JSON body needs "content-type")"#,
        )]
    );
}

/// A page of the server's own origin is no CORS client: its requests are not refusals,
/// whether the browser says so (`Sec-Fetch-Site: same-origin`) or only its `Origin` names
/// the server's host. No `warn` or `debug` event; a cross-origin one still warns.
#[tokio::test]
async fn same_origin_requests_are_not_refusals() {
    const OWN: &str = "https://api.example";
    for request in [
        // A same-origin PUT (strict lets it through), by Fetch Metadata.
        request(
            "PUT",
            "/api/items/1",
            &[
                ("host", "api.example"),
                ("origin", OWN),
                ("sec-fetch-site", "same-origin"),
            ],
        ),
        // The same without Fetch Metadata: `Origin` equals the request's own origin.
        request(
            "PUT",
            "/api/items/1",
            &[("host", "api.example"), ("origin", OWN)],
        ),
        // A same-origin WebSocket handshake.
        request(
            "GET",
            "/api/items/1",
            &[
                ("host", "api.example"),
                ("origin", OWN),
                ("connection", "Upgrade"),
                ("upgrade", "websocket"),
            ],
        ),
    ] {
        let events = events_of(request).await;
        assert!(events.is_empty(), "{events:#?}");
    }

    // The same requests from another origin are refusals, and say so.
    let cross = request(
        "GET",
        "/api/items/1",
        &[("host", "api.example"), ("origin", EVIL)],
    );
    assert_one_refusal(&events_of(cross).await, "origin not in allowed origins");
}
