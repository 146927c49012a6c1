//! The runtime contract (README, "Behaviour", after the Fetch standard's CORS protocol),
//! shown through a real `axum::Router` with
//! `tower::ServiceExt::oneshot`: exact status, every `Access-Control-*` value and its
//! number of field lines, `Vary`, body, and whether the handler ran.

mod support;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use cors_runtime::{cors, cors_routes};
use serde::Deserialize;

use support::{
    A, B, Calls, EVIL, PREFLIGHT_VARY, actual, assert_cors, assert_refused_preflight, body, lines,
    preflight, request, send, vary, with_header,
};
use support::{ACAC, ACAH, ACAM, ACAO, ACAPN, ACEH, ACMA};

/// Every handler of [`app`], each with its own call counter.
const HANDLERS: &[&str] = &[
    "list_items",
    "create_item",
    "update_item",
    "public",
    "own_headers",
    "vary_encoding",
    "vary_origin",
    "fails",
    "get_user",
    "custom_options",
    "plain",
    "any_header_and_authorization",
];

#[derive(Deserialize)]
struct Item {
    name: String,
}

#[cors(origins = ["https://a.example"], methods = [GET], expose = ["x-request-id"])]
async fn list_items(State(calls): State<Calls>) -> impl IntoResponse {
    calls.hit("list_items");
    ([("x-request-id", "42")], "items")
}

#[cors(
    origins = ["https://b.example"],
    methods = [POST],
    headers = ["content-type", "x-token"],
    credentials,
    max_age = 600
)]
async fn create_item(State(calls): State<Calls>, Json(item): Json<Item>) -> impl IntoResponse {
    calls.hit("create_item");
    (StatusCode::CREATED, item.name)
}

#[cors(
    origins = ["https://a.example", "https://b.example"],
    methods = [PUT, DELETE],
    headers = ["authorization", "content-type", "x-token"],
    expose = ["x-request-id", "x-total"],
    credentials,
    max_age = 600,
    private_network
)]
async fn update_item(State(calls): State<Calls>) -> &'static str {
    calls.hit("update_item");
    "updated"
}

#[cors(origins = "*", methods = [GET, POST], headers = "*", expose = ["x-request-id"])]
async fn public(State(calls): State<Calls>) -> &'static str {
    calls.hit("public");
    "public"
}

#[cors(origins = ["https://a.example"], methods = [PUT], headers = ["*", "authorization"])]
async fn any_header_and_authorization(State(calls): State<Calls>) -> &'static str {
    calls.hit("any_header_and_authorization");
    "any header and authorization"
}

/// Sets CORS headers of its own, which the policy owns (README, "Behaviour").
#[cors(origins = ["https://a.example"], methods = [GET], credentials)]
async fn own_headers(State(calls): State<Calls>) -> impl IntoResponse {
    calls.hit("own_headers");
    (
        [
            ("access-control-allow-origin", "*"),
            ("access-control-allow-credentials", "false"),
            ("access-control-expose-headers", "x-secret"),
            ("access-control-allow-methods", "GET, POST, PUT"),
            ("access-control-allow-headers", "*"),
            ("access-control-max-age", "86400"),
            ("access-control-allow-private-network", "true"),
        ],
        "own",
    )
}

#[cors(origins = ["https://a.example"], methods = [GET])]
async fn vary_encoding(State(calls): State<Calls>) -> impl IntoResponse {
    calls.hit("vary_encoding");
    ([("vary", "Accept-Encoding")], "encoded")
}

#[cors(origins = ["https://a.example"], methods = [GET])]
async fn vary_origin(State(calls): State<Calls>) -> impl IntoResponse {
    calls.hit("vary_origin");
    ([("vary", "origin")], "varies")
}

#[cors(origins = ["https://a.example"], methods = [GET], expose = ["x-request-id"], credentials)]
async fn fails(State(calls): State<Calls>) -> impl IntoResponse {
    calls.hit("fails");
    (StatusCode::INTERNAL_SERVER_ERROR, "boom")
}

#[cors(origins = ["https://a.example"], methods = [GET, PATCH], headers = ["content-type"])]
async fn get_user(State(calls): State<Calls>, Path(id): Path<u32>) -> String {
    calls.hit("get_user");
    format!("user {id}")
}

async fn custom_options(State(calls): State<Calls>) -> &'static str {
    calls.hit("custom_options");
    "custom options"
}

async fn plain(State(calls): State<Calls>) -> &'static str {
    calls.hit("plain");
    "plain"
}

/// One router with every case, nested routes and state included, and its counters.
fn app() -> (Router, Calls) {
    let calls = Calls::new(HANDLERS);
    let api = Router::new().route("/users/{id}", cors_routes![get_user]);
    let app = Router::new()
        .route("/items", cors_routes![list_items, create_item])
        .route("/full", cors_routes![update_item])
        .route("/public", cors_routes![public])
        .route("/any-header", cors_routes![any_header_and_authorization])
        .route("/own", cors_routes![own_headers])
        .route("/vary-encoding", cors_routes![vary_encoding])
        .route("/vary-origin", cors_routes![vary_origin])
        .route("/fails", cors_routes![fails])
        .route(
            "/custom",
            cors_routes![list_items; options = custom_options],
        )
        .route("/plain", get(plain))
        .route("/plain-annotated", get(list_items::handler))
        .nest("/api", api)
        .with_state(calls.clone());
    (app, calls)
}

// Fetch, CORS protocol, HTTP requests (a CORS-preflight request is `OPTIONS` with `Origin`
// and `Access-Control-Request-Method`): classification of OPTIONS requests and requests
// without `Origin`.

#[tokio::test]
async fn options_without_request_method_is_not_a_preflight_and_gets_allow() {
    let (app, calls) = app();
    for request in [
        request("OPTIONS", "/items", &[("origin", A)]),
        request("OPTIONS", "/items", &[]),
        // `Access-Control-Request-Method` without `Origin` is no preflight either.
        request(
            "OPTIONS",
            "/items",
            &[("access-control-request-method", "GET")],
        ),
    ] {
        let response = send(&app, request).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert_eq!(
            lines(response.headers(), "allow"),
            ["GET, HEAD, POST, OPTIONS"]
        );
        assert_cors(response.headers(), &[]);
        assert!(body(response).await.is_empty());
    }
    assert_eq!(calls.total(), 0);
}

#[tokio::test]
async fn allow_lists_exactly_the_paths_methods() {
    let (app, calls) = app();
    let response = send(&app, request("OPTIONS", "/full", &[])).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(lines(response.headers(), "allow"), ["PUT, DELETE, OPTIONS"]);
    let response = send(&app, request("OPTIONS", "/api/users/1", &[])).await;
    assert_eq!(
        lines(response.headers(), "allow"),
        ["GET, HEAD, PATCH, OPTIONS"]
    );
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");
}

#[tokio::test]
async fn non_preflight_options_goes_to_the_users_options_handler() {
    let (app, calls) = app();
    let response = send(&app, request("OPTIONS", "/custom", &[("origin", A)])).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(response.headers(), &[]);
    assert!(lines(response.headers(), "allow").is_empty());
    assert_eq!(body(response).await, "custom options");
    assert_eq!(calls.count("custom_options"), 1);

    // A real preflight on that path is still answered by the policy.
    let response = send(&app, preflight("/custom", A, "GET", None)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(response.headers(), &[(ACAO, A), (ACAM, "GET, HEAD")]);
    assert!(body(response).await.is_empty());
    assert_eq!(calls.count("custom_options"), 1);
    assert_eq!(calls.count("list_items"), 0);
}

#[tokio::test]
async fn request_without_origin_is_not_cors_but_still_varies_on_origin() {
    let (app, calls) = app();
    let response = send(&app, actual("GET", "/items", None)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(response.headers(), &[]);
    assert_eq!(vary(response.headers()), ["Origin"]);
    assert_eq!(body(response).await, "items");
    assert_eq!(calls.count("list_items"), 1);
}

// Fetch, CORS protocol, HTTP responses (a successful preflight answer has an ok status and
// the `Access-Control-Allow-*` headers): a preflight is answered by the requested method's
// policy; success.

#[tokio::test]
async fn preflight_from_allowed_origin_gets_every_policy_header() {
    let (app, calls) = app();
    let response = send(&app, preflight("/full", A, "PUT", Some("content-type"))).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(
        response.headers(),
        &[
            (ACAO, A),
            (ACAM, "PUT, DELETE"),
            (ACAH, "authorization, content-type, x-token"),
            (ACAC, "true"),
            (ACMA, "600"),
        ],
    );
    assert_eq!(vary(response.headers()), [PREFLIGHT_VARY]);
    assert!(body(response).await.is_empty());
    assert_eq!(calls.total(), 0, "the handler never runs for a preflight");
}

#[tokio::test]
async fn preflight_echoes_each_allowed_origin_byte_for_byte() {
    let (app, calls) = app();
    let response = send(&app, preflight("/full", B, "DELETE", None)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(
        response.headers(),
        &[
            (ACAO, B),
            (ACAM, "PUT, DELETE"),
            (ACAH, "authorization, content-type, x-token"),
            (ACAC, "true"),
            (ACMA, "600"),
        ],
    );
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");
}

#[tokio::test]
async fn preflight_for_get_covers_head_and_omits_unset_headers() {
    let (app, calls) = app();
    for method in ["GET", "HEAD"] {
        let response = send(&app, preflight("/items", A, method, None)).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{method}");
        // No `headers`, `credentials` or `max_age` in this policy: none of their headers.
        assert_cors(response.headers(), &[(ACAO, A), (ACAM, "GET, HEAD")]);
        assert_eq!(vary(response.headers()), [PREFLIGHT_VARY]);
        assert!(body(response).await.is_empty());
    }
    assert_eq!(calls.total(), 0);
}

// Fetch, CORS-preflight fetch (the preflight asks for one method) and README, "Behaviour":
// two policies on one path; each method answers with its own.

#[tokio::test]
async fn preflight_on_a_two_policy_path_uses_the_requested_methods_policy() {
    let (app, calls) = app();
    assert_refused_preflight(send(&app, preflight("/items", A, "POST", None)).await).await;
    assert_refused_preflight(send(&app, preflight("/items", B, "GET", None)).await).await;

    let response = send(&app, preflight("/items", B, "POST", Some("content-type"))).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(
        response.headers(),
        &[
            (ACAO, B),
            (ACAM, "POST"),
            (ACAH, "content-type, x-token"),
            (ACAC, "true"),
            (ACMA, "600"),
        ],
    );
    assert!(body(response).await.is_empty());
    assert_eq!(calls.total(), 0);
}

#[tokio::test]
async fn actual_get_from_the_post_policys_origin_gets_no_cors() {
    let (app, calls) = app();
    let response = send(&app, actual("GET", "/items", Some(B))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(response.headers(), &[]);
    assert_eq!(vary(response.headers()), ["Origin"]);
    assert_eq!(calls.count("list_items"), 1);
}

// Fetch, CORS protocol, HTTP responses ("the 403 status can be used, coupled with omitting
// the relevant headers"): preflight failure is 403, empty body, no `Access-Control-*` header.

#[tokio::test]
async fn preflight_from_disallowed_origin_is_refused() {
    let (app, calls) = app();
    for origin in [EVIL, "null", "https://a.example.evil.com"] {
        assert_refused_preflight(send(&app, preflight("/full", origin, "PUT", None)).await).await;
    }
    assert_eq!(calls.total(), 0);
}

#[tokio::test]
async fn preflight_for_a_method_not_routed_on_the_path_is_refused() {
    let (app, calls) = app();
    for (path, method) in [
        ("/full", "POST"),
        ("/full", "GET"),
        ("/items", "PATCH"),
        ("/items", "OPTIONS"),
        ("/items", "CONNECT"),
        ("/items", ""),
    ] {
        assert_refused_preflight(send(&app, preflight(path, A, method, None)).await).await;
    }
    assert_eq!(calls.total(), 0);
}

#[tokio::test]
async fn preflight_asking_for_a_header_not_allowed_is_refused() {
    let (app, calls) = app();
    assert_refused_preflight(
        send(
            &app,
            preflight("/full", A, "PUT", Some("content-type, x-other")),
        )
        .await,
    )
    .await;
    // A policy without `headers` allows none.
    assert_refused_preflight(send(&app, preflight("/items", A, "GET", Some("x-token"))).await)
        .await;
    // Not a token.
    assert_refused_preflight(send(&app, preflight("/full", A, "PUT", Some("content type"))).await)
        .await;
    assert_eq!(calls.total(), 0);
}

// Fetch, CORS-preflight fetch (the method must be in `Access-Control-Allow-Methods`, byte
// for byte): methods are case-sensitive.

#[tokio::test]
async fn preflight_method_is_case_sensitive() {
    let (app, calls) = app();
    assert_refused_preflight(send(&app, preflight("/api/users/1", A, "patch", None)).await).await;
    assert_refused_preflight(send(&app, preflight("/api/users/1", A, "Get", None)).await).await;
    let response = send(&app, preflight("/api/users/1", A, "PATCH", None)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(
        response.headers(),
        &[
            (ACAO, A),
            (ACAM, "GET, HEAD, PATCH"),
            (ACAH, "content-type"),
        ],
    );
    assert_eq!(calls.total(), 0);
}

// Fetch, CORS-preflight fetch (header names match byte-case-insensitively) and README,
// "Behaviour": request header names are case-insensitive, whitespace tolerant, several lines.

#[tokio::test]
async fn request_header_names_are_case_insensitive_and_whitespace_tolerant() {
    let (app, calls) = app();
    for names in [
        "Content-Type, X-TOKEN",
        "content-type,x-token",
        "  content-type ,\tx-token\t",
        "AUTHORIZATION",
        "content-type,",
    ] {
        let response = send(&app, preflight("/full", A, "PUT", Some(names))).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{names:?}");
        assert_eq!(
            lines(response.headers(), ACAH),
            ["authorization, content-type, x-token"]
        );
    }
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");
}

#[tokio::test]
async fn several_request_header_lines_are_all_checked() {
    let (app, calls) = app();
    let two_lines = with_header(
        preflight("/full", A, "PUT", Some("content-type")),
        "access-control-request-headers",
        b"x-token, authorization",
    );
    let response = send(&app, two_lines).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        lines(response.headers(), ACAH),
        ["authorization, content-type, x-token"]
    );

    let second_line_refused = with_header(
        preflight("/full", A, "PUT", Some("content-type")),
        "access-control-request-headers",
        b"x-other",
    );
    assert_refused_preflight(send(&app, second_line_refused).await).await;
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");
}

// Fetch, CORS protocol, HTTP responses and CORS check; README, "Behaviour" (the policy owns
// the `Access-Control-*` headers): actual requests from allowed, disallowed and absent origins.

#[tokio::test]
async fn actual_from_allowed_origin_gets_echo_credentials_expose_and_no_preflight_headers() {
    let (app, calls) = app();
    for origin in [A, B] {
        let response = send(&app, actual("PUT", "/full", Some(origin))).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_cors(
            response.headers(),
            &[
                (ACAO, origin),
                (ACAC, "true"),
                (ACEH, "x-request-id, x-total"),
            ],
        );
        assert_eq!(vary(response.headers()), ["Origin"]);
        assert_eq!(body(response).await, "updated");
    }
    assert_eq!(calls.count("update_item"), 2);
}

#[tokio::test]
async fn actual_from_disallowed_origin_runs_the_handler_without_cors_headers() {
    let (app, calls) = app();
    for origin in [EVIL, "null", "https://A.example", "https://a.example/"] {
        let response = send(&app, actual("PUT", "/full", Some(origin))).await;
        assert_eq!(response.status(), StatusCode::OK, "{origin}");
        assert_cors(response.headers(), &[]);
        assert_eq!(vary(response.headers()), ["Origin"]);
        assert_eq!(body(response).await, "updated");
    }
    assert_eq!(calls.count("update_item"), 4);
}

#[tokio::test]
async fn head_on_a_get_route_carries_the_get_policy() {
    let (app, calls) = app();
    let response = send(&app, actual("HEAD", "/items", Some(A))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(response.headers(), &[(ACAO, A), (ACEH, "x-request-id")]);
    assert_eq!(vary(response.headers()), ["Origin"]);
    assert!(body(response).await.is_empty(), "HEAD has no body");
    assert_eq!(calls.count("list_items"), 1);

    let response = send(&app, actual("HEAD", "/items", Some(B))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(response.headers(), &[]);
    assert_eq!(vary(response.headers()), ["Origin"]);
}

#[tokio::test]
async fn json_extractor_rejections_still_carry_cors_headers() {
    let (app, calls) = app();
    let no_content_type = request("POST", "/items", &[("origin", B)]);
    let bad_syntax = request(
        "POST",
        "/items",
        &[("origin", B), ("content-type", "application/json")],
    );
    let wrong_shape = request(
        "POST",
        "/items",
        &[("origin", B), ("content-type", "application/json")],
    );
    let with_body = |mut request: http::Request<axum::body::Body>, text: &'static str| {
        *request.body_mut() = axum::body::Body::from(text);
        request
    };
    for (request, status) in [
        (
            with_body(no_content_type, r#"{"name":"x"}"#),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (with_body(bad_syntax, "{"), StatusCode::BAD_REQUEST),
        (
            with_body(wrong_shape, r#"{"name":1}"#),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let response = send(&app, request).await;
        assert_eq!(response.status(), status);
        assert_cors(response.headers(), &[(ACAO, B), (ACAC, "true")]);
        assert_eq!(vary(response.headers()), ["Origin"]);
    }
    assert_eq!(calls.count("create_item"), 0, "rejected before the handler");

    let ok = with_body(
        request(
            "POST",
            "/items",
            &[("origin", B), ("content-type", "application/json")],
        ),
        r#"{"name":"x"}"#,
    );
    let response = send(&app, ok).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_cors(response.headers(), &[(ACAO, B), (ACAC, "true")]);
    assert_eq!(body(response).await, "x");
    assert_eq!(calls.count("create_item"), 1);
}

#[tokio::test]
async fn handler_error_status_still_carries_cors_headers() {
    let (app, calls) = app();
    let response = send(&app, actual("GET", "/fails", Some(A))).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_cors(
        response.headers(),
        &[(ACAO, A), (ACAC, "true"), (ACEH, "x-request-id")],
    );
    assert_eq!(vary(response.headers()), ["Origin"]);
    assert_eq!(body(response).await, "boom");
    assert_eq!(calls.count("fails"), 1);
}

#[tokio::test]
async fn nested_route_with_path_parameter_and_state_gets_its_policy() {
    let (app, calls) = app();
    let response = send(&app, actual("GET", "/api/users/7", Some(A))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(response.headers(), &[(ACAO, A)]);
    assert_eq!(vary(response.headers()), ["Origin"]);
    assert_eq!(body(response).await, "user 7");

    // A `Path<u32>` rejection carries the policy too.
    let response = send(&app, actual("GET", "/api/users/seven", Some(A))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_cors(response.headers(), &[(ACAO, A)]);
    assert_eq!(vary(response.headers()), ["Origin"]);
    assert_eq!(calls.count("get_user"), 1);

    let response = send(&app, preflight("/api/users/7", A, "GET", None)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(
        response.headers(),
        &[
            (ACAO, A),
            (ACAM, "GET, HEAD, PATCH"),
            (ACAH, "content-type"),
        ],
    );
    assert_eq!(calls.count("get_user"), 1);
}

#[tokio::test]
async fn unannotated_route_beside_annotated_ones_is_untouched() {
    let (app, calls) = app();
    for origin in [Some(A), Some(EVIL), None] {
        let response = send(&app, actual("GET", "/plain", origin)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_cors(response.headers(), &[]);
        assert!(vary(response.headers()).is_empty());
        assert_eq!(body(response).await, "plain");
    }
    assert_eq!(calls.count("plain"), 3);

    // No OPTIONS endpoint there: axum's own 405, no CORS headers.
    let response = send(&app, preflight("/plain", A, "GET", None)).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_cors(response.headers(), &[]);
    assert!(vary(response.headers()).is_empty());
    assert_eq!(calls.count("plain"), 3);
}

#[tokio::test]
/// `get(list_items)` does not compile (tests/ui/cors/fail/routed-with-get.rs); the fn
/// itself, `list_items::handler`, routed by hand on purpose, serves without CORS.
async fn the_fn_itself_mounted_with_plain_get_is_a_plain_handler() {
    let (app, calls) = app();
    let response = send(&app, actual("GET", "/plain-annotated", Some(A))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(response.headers(), &[]);
    assert!(vary(response.headers()).is_empty());
    assert_eq!(calls.count("list_items"), 1);
}

// Fetch, CORS protocol and HTTP caches (a constant `*` needs no `Vary: Origin`): an
// any-origin policy is constant: `*` everywhere, no `Vary: Origin`.

#[tokio::test]
async fn any_origin_policy_answers_star_with_or_without_origin_and_no_vary() {
    let (app, calls) = app();
    for origin in [Some(A), Some(EVIL), Some("null"), None] {
        for method in ["GET", "POST"] {
            let response = send(&app, actual(method, "/public", origin)).await;
            assert_eq!(response.status(), StatusCode::OK);
            assert_cors(response.headers(), &[(ACAO, "*"), (ACEH, "x-request-id")]);
            assert!(vary(response.headers()).is_empty(), "{origin:?}");
            assert_eq!(body(response).await, "public");
        }
    }
    assert_eq!(calls.count("public"), 8);
}

#[tokio::test]
async fn any_origin_preflight_answers_star() {
    let (app, calls) = app();
    let response = send(&app, preflight("/public", EVIL, "POST", Some("x-anything"))).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(
        response.headers(),
        &[(ACAO, "*"), (ACAM, "GET, HEAD, POST"), (ACAH, "*")],
    );
    assert_eq!(vary(response.headers()), [PREFLIGHT_VARY]);
    assert!(body(response).await.is_empty());
    assert_eq!(calls.total(), 0);
}

// Fetch, CORS-preflight fetch (`Authorization` is a CORS non-wildcard request-header name):
// `headers = "*"` never covers `authorization`.

#[tokio::test]
async fn headers_star_allows_any_name_but_authorization() {
    let (app, calls) = app();
    let response = send(
        &app,
        preflight("/public", A, "GET", Some("x-anything, X-Other")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(lines(response.headers(), ACAH), ["*"]);
    for names in ["authorization", "x-anything, Authorization"] {
        assert_refused_preflight(send(&app, preflight("/public", A, "GET", Some(names))).await)
            .await;
    }
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");
}

/// `headers = ["*", "authorization"]`: naming `authorization` beside `*` allows it too
/// (Fetch, CORS-preflight fetch: `*` covers every name but `Authorization`).
#[tokio::test]
async fn headers_star_and_authorization_allow_every_name() {
    let (app, calls) = app();
    for names in ["authorization", "x-anything, Authorization", "X-Other"] {
        let response = send(&app, preflight("/any-header", A, "PUT", Some(names))).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{names}");
        assert_cors(
            response.headers(),
            &[(ACAO, A), (ACAM, "PUT"), (ACAH, "*, authorization")],
        );
    }
    assert_refused_preflight(send(&app, preflight("/any-header", A, "PUT", Some("x y"))).await)
        .await;
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");
}

// Fetch, CORS protocol and HTTP caches: `Vary: Origin` is appended to the handler's `Vary`,
// never duplicated.

#[tokio::test]
async fn vary_origin_is_appended_after_the_handlers_own_vary() {
    let (app, calls) = app();
    for origin in [Some(A), Some(EVIL), None] {
        let response = send(&app, actual("GET", "/vary-encoding", origin)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(vary(response.headers()), ["Accept-Encoding", "Origin"]);
        let expected: &[(&str, &str)] = if origin == Some(A) { &[(ACAO, A)] } else { &[] };
        assert_cors(response.headers(), expected);
    }
    assert_eq!(calls.count("vary_encoding"), 3);
}

#[tokio::test]
async fn vary_origin_is_not_duplicated_when_the_handler_already_names_it() {
    let (app, calls) = app();
    for origin in [Some(A), Some(EVIL), None] {
        let response = send(&app, actual("GET", "/vary-origin", origin)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(vary(response.headers()), ["origin"]);
        let expected: &[(&str, &str)] = if origin == Some(A) { &[(ACAO, A)] } else { &[] };
        assert_cors(response.headers(), expected);
    }
    assert_eq!(calls.count("vary_origin"), 3);
}

// README, "Behaviour": the policy owns the route's `Access-Control-*` response headers.

#[tokio::test]
async fn policy_replaces_the_handlers_own_cors_headers_for_an_allowed_origin() {
    let (app, calls) = app();
    let response = send(&app, actual("GET", "/own", Some(A))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(response.headers(), &[(ACAO, A), (ACAC, "true")]);
    assert_eq!(vary(response.headers()), ["Origin"]);
    assert_eq!(body(response).await, "own");
    assert_eq!(calls.count("own_headers"), 1);
}

#[tokio::test]
async fn policy_removes_the_handlers_own_cors_headers_for_a_disallowed_or_absent_origin() {
    let (app, calls) = app();
    for origin in [Some(EVIL), None] {
        let response = send(&app, actual("GET", "/own", origin)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_cors(response.headers(), &[]);
        assert_eq!(vary(response.headers()), ["Origin"]);
    }
    assert_eq!(calls.count("own_headers"), 2);
}

// README, "Private Network Access is legacy" and "Behaviour": Private Network Access only
// when enabled and requested with exactly `true`.

#[tokio::test]
async fn private_network_is_allowed_only_when_enabled_and_requested_with_exactly_true() {
    let (app, calls) = app();
    let pna = |path: &str, method: &str, value: &[u8]| {
        with_header(
            preflight(path, A, method, None),
            "access-control-request-private-network",
            value,
        )
    };
    let full_preflight = [
        (ACAO, A),
        (ACAM, "PUT, DELETE"),
        (ACAH, "authorization, content-type, x-token"),
        (ACAC, "true"),
        (ACMA, "600"),
    ];
    let response = send(&app, pna("/full", "PUT", b"true")).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let mut with_pna = full_preflight.to_vec();
    with_pna.push((ACAPN, "true"));
    assert_cors(response.headers(), &with_pna);

    for value in [
        &b"TRUE"[..],
        b"True",
        b"false",
        b"true1",
        b"true, true",
        b"",
    ] {
        let response = send(&app, pna("/full", "PUT", value)).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert_cors(response.headers(), &full_preflight);
    }

    // Not enabled in the policy: the preflight succeeds without the header.
    let response = send(&app, pna("/items", "GET", b"true")).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(response.headers(), &[(ACAO, A), (ACAM, "GET, HEAD")]);
    assert_eq!(calls.total(), 0, "no handler runs for a preflight");

    // Never on an actual response.
    let put = with_header(
        actual("PUT", "/full", Some(A)),
        "access-control-request-private-network",
        b"true",
    );
    let response = send(&app, put).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(
        response.headers(),
        &[(ACAO, A), (ACAC, "true"), (ACEH, "x-request-id, x-total")],
    );
    assert_eq!(calls.count("update_item"), 1);
}
