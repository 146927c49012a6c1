//! Hostile input through a real `axum::Router` (README, "Behaviour": byte-exact origin
//! matching, `Access-Control-Request-Headers` parsing, never a 5xx): look-alike and
//! malformed origins, oversized lists, arbitrary bytes. Never a 5xx or a panic; nothing
//! is allowed that the policy does not name byte for byte. No timings are measured.

mod support;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use cors_rules::request_headers::{MAX_EMPTY_ITEMS, MAX_REQUEST_HEADERS_BYTES};
use cors_runtime::{cors, cors_routes};
use proptest::prelude::*;

use support::{
    A, Calls, PREFLIGHT_VARY, actual, assert_cors, assert_refused_preflight, preflight, request,
    send, vary, with_header,
};
use support::{ACAH, ACAM, ACAO};

/// The origins [`guarded`] allows, byte for byte.
const ALLOWED: &[&str] = &[A, "https://bar.com", "https://foo.com"];

#[cors(
    origins = ["https://a.example", "https://foo.com", "https://bar.com"],
    methods = [GET, POST],
    headers = ["content-type", "x-token"]
)]
async fn guarded(State(calls): State<Calls>) -> &'static str {
    calls.hit("guarded");
    "guarded"
}

#[cors(origins = "*", methods = [GET])]
async fn open(State(calls): State<Calls>) -> &'static str {
    calls.hit("open");
    "open"
}

fn app() -> (Router, Calls) {
    let calls = Calls::new(&["guarded", "open"]);
    let app = Router::new()
        .route("/guarded", cors_routes![guarded])
        .route("/open", cors_routes![open])
        .with_state(calls.clone());
    (app, calls)
}

/// An actual GET and a preflight carrying `origin` as raw bytes: the actual request runs
/// the handler with no CORS header, the preflight is refused (Fetch, CORS protocol, HTTP
/// responses: a refusal is `403` without the headers; Fetch, CORS check).
async fn assert_origin_never_matches(app: &Router, calls: &Calls, origin: &[u8]) {
    let before = calls.count("guarded");
    let get = with_header(request("GET", "/guarded", &[]), "origin", origin);
    let response = send(app, get).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        origin.escape_ascii()
    );
    assert_cors(response.headers(), &[]);
    assert_eq!(vary(response.headers()), ["Origin"]);
    assert_eq!(calls.count("guarded"), before + 1);

    let options = with_header(
        request(
            "OPTIONS",
            "/guarded",
            &[("access-control-request-method", "GET")],
        ),
        "origin",
        origin,
    );
    assert_refused_preflight(send(app, options).await).await;
    assert_eq!(
        calls.count("guarded"),
        before + 1,
        "no handler for a preflight"
    );
}

// Fetch, CORS check: `Access-Control-Allow-Origin` must be the request's origin byte for
// byte, so only the serialized origin the policy names matches; look-alikes never do.

#[tokio::test]
async fn look_alike_origins_never_match() {
    let (app, calls) = app();
    for origin in [
        "https://a.example.evil.com",
        "https://barfoo.com",
        "https://foobar.com",
        "https://foo.com.bar.com",
        "https://evil-a.example",
        "https://sub.a.example",
        "https://a.examplex",
        "https://a.example.",
        "http://a.example",
        "wss://a.example",
    ] {
        assert_origin_never_matches(&app, &calls, origin.as_bytes()).await;
    }
}

// Fetch, CORS check (byte-serialized origin) and README, "Behaviour": byte-exact, no
// trimming, case folding or default-port folding.

#[tokio::test]
async fn non_serialized_spellings_of_an_allowed_origin_never_match() {
    let (app, calls) = app();
    for origin in [
        "null",
        "https://a.example/",
        "https://a.example/path",
        "HTTPS://A.EXAMPLE",
        "https://A.example",
        "https://a.example:443",
        " https://a.example",
        "https://a.example\t",
        "https://a.example, https://foo.com",
        "https://a.example https://foo.com",
        "",
    ] {
        assert_origin_never_matches(&app, &calls, origin.as_bytes()).await;
    }
}

#[tokio::test]
async fn non_ascii_origin_bytes_never_match() {
    let (app, calls) = app();
    for origin in [
        &b"https://\xe4.example"[..],
        b"https://a.example\x80",
        b"https://a.ex\xc3\xa0mple",
        b"\xff\xfe\xfd",
    ] {
        assert_origin_never_matches(&app, &calls, origin).await;
    }
}

#[tokio::test]
async fn two_origin_lines_never_match_even_when_both_are_allowed() {
    let (app, calls) = app();
    for (first, second) in [(A, A), (A, "https://evil.example"), ("https://foo.com", A)] {
        let get = request("GET", "/guarded", &[("origin", first), ("origin", second)]);
        let response = send(&app, get).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_cors(response.headers(), &[]);
        assert_eq!(vary(response.headers()), ["Origin"]);

        let options = with_header(
            preflight("/guarded", first, "GET", None),
            "origin",
            second.as_bytes(),
        );
        assert_refused_preflight(send(&app, options).await).await;
    }
    assert_eq!(calls.count("guarded"), 3);
}

#[tokio::test]
async fn a_64_kib_origin_is_refused() {
    let (app, calls) = app();
    let huge = format!("https://{}.example", "a".repeat(64 * 1024));
    assert_origin_never_matches(&app, &calls, huge.as_bytes()).await;
}

// README, "Behaviour" (`Access-Control-Request-Headers` parsing): the request-header
// list is size-capped and tolerates a bounded number of empty items.

#[tokio::test]
async fn one_mib_of_commas_in_request_headers_is_refused() {
    let (app, calls) = app();
    let commas = ",".repeat(1 << 20);
    assert_refused_preflight(send(&app, preflight("/guarded", A, "GET", Some(&commas))).await)
        .await;
    assert_eq!(calls.total(), 0);
}

#[tokio::test]
async fn ten_thousand_distinct_request_header_names_are_refused() {
    let (app, calls) = app();
    let names: Vec<String> = (0..10_000).map(|i| format!("x-h{i}")).collect();
    let one_line = names.join(", ");
    assert_refused_preflight(send(&app, preflight("/guarded", A, "GET", Some(&one_line))).await)
        .await;

    // The same names as 10,000 field lines.
    let mut many_lines = preflight("/guarded", A, "GET", None);
    for name in &names {
        many_lines = with_header(
            many_lines,
            "access-control-request-headers",
            name.as_bytes(),
        );
    }
    assert_refused_preflight(send(&app, many_lines).await).await;

    // An allowed name on 10,000 lines is over the size cap too.
    let mut allowed_lines = preflight("/guarded", A, "GET", None);
    for _ in 0..10_000 {
        allowed_lines = with_header(allowed_lines, "access-control-request-headers", b"x-token");
    }
    assert_refused_preflight(send(&app, allowed_lines).await).await;
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");
}

#[tokio::test]
async fn ten_thousand_distinct_request_header_fields_leave_an_actual_request_alone() {
    let (app, calls) = app();
    let mut get = actual("GET", "/guarded", Some(A));
    for i in 0..10_000 {
        get = with_header(get, &format!("x-h{i}"), b"1");
    }
    let response = send(&app, get).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(response.headers(), &[(ACAO, A)]);
    assert_eq!(calls.count("guarded"), 1);
}

#[tokio::test]
async fn request_headers_up_to_the_size_cap_are_read_and_one_byte_more_is_refused() {
    let (app, calls) = app();
    let item = "content-type,";
    let mut at_cap = item.repeat(MAX_REQUEST_HEADERS_BYTES / item.len());
    // Pad with spaces: one trailing item of whitespace only, which counts as one empty item.
    at_cap.push_str(&" ".repeat(MAX_REQUEST_HEADERS_BYTES - at_cap.len()));
    assert_eq!(at_cap.len(), MAX_REQUEST_HEADERS_BYTES);
    let response = send(&app, preflight("/guarded", A, "GET", Some(&at_cap))).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(
        response.headers(),
        &[
            (ACAO, A),
            (ACAM, "GET, HEAD, POST"),
            (ACAH, "content-type, x-token"),
        ],
    );

    let over_cap = format!("{at_cap} ");
    assert_refused_preflight(send(&app, preflight("/guarded", A, "GET", Some(&over_cap))).await)
        .await;
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");
}

#[tokio::test]
async fn a_bounded_number_of_empty_request_header_items_is_tolerated() {
    let (app, calls) = app();
    let tolerated = format!("content-type{}", ",".repeat(MAX_EMPTY_ITEMS));
    let response = send(&app, preflight("/guarded", A, "GET", Some(&tolerated))).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let too_many = format!("content-type{}", ",".repeat(MAX_EMPTY_ITEMS + 1));
    assert_refused_preflight(send(&app, preflight("/guarded", A, "GET", Some(&too_many))).await)
        .await;
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");
}

#[tokio::test]
async fn malformed_request_header_names_are_refused() {
    let (app, calls) = app();
    for names in [
        &b"content-type\x80"[..],
        b"content-type x-token",
        b"content-type;x-token",
        b"\"content-type\"",
        b"x-token:1",
    ] {
        let options = with_header(
            preflight("/guarded", A, "GET", None),
            "access-control-request-headers",
            names,
        );
        assert_refused_preflight(send(&app, options).await).await;
    }
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");
}

// Fetch, CORS-preflight fetch (the method must be in `Access-Control-Allow-Methods`, a
// byte match) and CORS protocol, HTTP responses (`403`): the requested method is matched
// byte for byte; malformed is refused.

#[tokio::test]
async fn malformed_request_methods_are_refused() {
    let (app, calls) = app();
    for method in [&b"get"[..], b"GET ", b" GET", b"GET, POST", b"G\xc9T", b""] {
        let options = with_header(
            request("OPTIONS", "/guarded", &[("origin", A)]),
            "access-control-request-method",
            method,
        );
        assert_refused_preflight(send(&app, options).await).await;
    }
    let two_lines = with_header(
        preflight("/guarded", A, "GET", None),
        "access-control-request-method",
        b"GET",
    );
    assert_refused_preflight(send(&app, two_lines).await).await;
    assert_eq!(calls.total(), 0);
}

// Fetch, CORS check (`*` passes without credentials): an any-origin policy does not read
// `Origin`, whatever its bytes.

#[tokio::test]
async fn any_origin_policy_answers_star_to_hostile_origins() {
    let (app, calls) = app();
    for origin in [
        &b"null"[..],
        b"",
        b"\xff\xfe",
        b"https://a.example, https://b.example",
    ] {
        let get = with_header(request("GET", "/open", &[]), "origin", origin);
        let response = send(&app, get).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_cors(response.headers(), &[(ACAO, "*")]);
        assert!(vary(response.headers()).is_empty());
    }
    assert_eq!(calls.count("open"), 4);
}

// README, "Behaviour" (never a 5xx or a panic): arbitrary bytes in Origin /
// Access-Control-Request-* never yield a 5xx,
// and a preflight succeeds only for an allowed origin and a routed method.

/// Bytes `HeaderValue` accepts (HTAB, visible ASCII, SP, obs-text), of any length up to 80.
fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![Just(b'\t'), 0x20u8..=0x7e, 0x80u8..=0xff],
        0..80,
    )
}

/// Mostly interesting values, some header-valid noise, some raw bytes of any value.
fn value(interesting: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => proptest::sample::select(interesting).prop_map(|s| s.as_bytes().to_vec()),
        3 => header_bytes(),
        1 => proptest::collection::vec(any::<u8>(), 0..12),
    ]
}

fn origins() -> impl Strategy<Value = Vec<u8>> {
    value(&[
        A,
        "https://foo.com",
        "https://bar.com",
        "https://barfoo.com",
        "https://a.example/",
        "null",
        "",
    ])
}

fn methods() -> impl Strategy<Value = Vec<u8>> {
    value(&["GET", "HEAD", "POST", "PUT", "OPTIONS", "get", ""])
}

fn request_header_lists() -> impl Strategy<Value = Option<Vec<u8>>> {
    proptest::option::of(value(&[
        "content-type",
        "X-Token, Content-Type",
        "authorization",
        ",,",
        "",
    ]))
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime")
        .block_on(future)
}

fn header_value_ok(bytes: &[u8]) -> bool {
    http::HeaderValue::from_bytes(bytes).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_preflight_bytes_never_5xx_and_succeed_only_for_allowed_origins(
        origin in origins(),
        method in methods(),
        names in request_header_lists(),
    ) {
        prop_assume!(header_value_ok(&origin) && header_value_ok(&method));
        prop_assume!(names.as_deref().is_none_or(header_value_ok));
        let (app, calls) = app();
        let mut options = request("OPTIONS", "/guarded", &[]);
        options = with_header(options, "origin", &origin);
        options = with_header(options, "access-control-request-method", &method);
        if let Some(names) = &names {
            options = with_header(options, "access-control-request-headers", names);
        }
        let response = block_on(send(&app, options));
        let status = response.status();
        prop_assert!(status == StatusCode::NO_CONTENT || status == StatusCode::FORBIDDEN, "{status}");
        prop_assert_eq!(calls.total(), 0);
        prop_assert_eq!(support::vary(response.headers()), [PREFLIGHT_VARY]);
        let allowed_origin = ALLOWED.iter().any(|o| o.as_bytes() == origin.as_slice());
        let routed = [&b"GET"[..], b"HEAD", b"POST"].contains(&method.as_slice());
        if status == StatusCode::NO_CONTENT {
            prop_assert!(allowed_origin && routed);
            let echoed: Vec<&[u8]> = response.headers().get_all(ACAO).iter().map(|v| v.as_bytes()).collect();
            prop_assert_eq!(echoed, [origin.as_slice()]);
        } else {
            prop_assert_eq!(support::cors_headers(response.headers()), []);
            // Without a header list, only the origin or the method can be the reason.
            prop_assert!(names.is_some() || !(allowed_origin && routed));
        }
    }

    #[test]
    fn arbitrary_origin_bytes_on_actual_requests_never_5xx_and_echo_only_allowed_origins(
        origin in origins(),
        method in proptest::sample::select(&["GET", "HEAD", "POST"][..]),
    ) {
        prop_assume!(header_value_ok(&origin));
        let (app, calls) = app();
        let get = with_header(request(method, "/guarded", &[]), "origin", &origin);
        let response = block_on(send(&app, get));
        prop_assert_eq!(response.status(), StatusCode::OK);
        prop_assert_eq!(calls.count("guarded"), 1);
        prop_assert_eq!(support::vary(response.headers()), ["Origin"]);
        let expected: Vec<(String, String)> = if ALLOWED.iter().any(|o| o.as_bytes() == origin.as_slice()) {
            vec![(ACAO.to_owned(), String::from_utf8(origin.clone()).expect("allowed origins are ASCII"))]
        } else {
            Vec::new()
        };
        prop_assert_eq!(support::cors_headers(response.headers()), expected);
    }
}
