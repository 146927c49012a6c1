//! Middleware inside the policy (README, "Middleware and auth"), through a real Router:
//! bearer auth written the axum way (`from_fn_with_state`), tower-http's timeout,
//! catch-panic and body-limit layers. Preflights never reach them; every answer they make
//! for an allowed origin is readable cross-origin, with the policy's headers exactly as
//! the handler's own answers.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use cors_runtime::{cors, cors_routes, is_preflight};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use support::*;

const TOKEN: &str = "Bearer s3cret";

#[derive(Clone)]
struct App {
    calls: Calls,
    /// Every method the auth middleware saw, in order.
    auth_saw: Arc<Mutex<Vec<String>>>,
    /// The order in which the layers of `/ordered` and its handler ran.
    ran: Arc<Mutex<Vec<&'static str>>>,
}

async fn require_bearer(State(app): State<App>, request: Request, next: Next) -> Response {
    app.auth_saw
        .lock()
        .unwrap()
        .push(request.method().to_string());
    match request.headers().get("authorization") {
        Some(value) if value == TOKEN => next.run(request).await,
        _ => (StatusCode::UNAUTHORIZED, "log in first").into_response(),
    }
}

#[cors(origins = ["https://a.example"], methods = [GET, POST], headers = ["authorization", "content-type"], credentials, max_age = 600)]
async fn me(State(app): State<App>) -> &'static str {
    app.calls.hit("me");
    "ada"
}

#[cors(origins = ["https://a.example"], methods = [GET])]
async fn slow(State(app): State<App>) -> &'static str {
    app.calls.hit("slow");
    tokio::time::sleep(Duration::from_secs(30)).await;
    "too late"
}

#[cors(origins = ["https://a.example"], methods = [GET], expose = ["x-request-id"])]
async fn panics(State(app): State<App>) -> &'static str {
    app.calls.hit("panics");
    panic!("the handler failed")
}

#[cors(origins = ["https://a.example"], methods = [POST], headers = ["content-type"])]
async fn upload(State(app): State<App>, body: String) -> String {
    app.calls.hit("upload");
    body
}

#[cors(origins = ["https://a.example"], methods = [GET])]
async fn ordered(State(app): State<App>) -> &'static str {
    app.calls.hit("ordered");
    app.ran.lock().unwrap().push("handler");
    "ok"
}

#[cors(origins = ["https://a.example"], methods = [POST])]
async fn ordered_unlayered(State(app): State<App>) -> &'static str {
    app.calls.hit("ordered_unlayered");
    app.ran.lock().unwrap().push("unlayered handler");
    "ok"
}

/// The middleware behind `record(name)`: notes `name` in `App::ran`, then goes on.
async fn note(
    State((ran, name)): State<(Arc<Mutex<Vec<&'static str>>>, &'static str)>,
    request: Request,
    next: Next,
) -> Response {
    ran.lock().unwrap().push(name);
    next.run(request).await
}

fn app() -> (Router, App) {
    let app = App {
        calls: Calls::new(&[
            "me",
            "slow",
            "panics",
            "upload",
            "ordered",
            "ordered_unlayered",
        ]),
        auth_saw: Arc::default(),
        ran: Arc::default(),
    };
    let record = |name| middleware::from_fn_with_state((app.ran.clone(), name), note);
    let router = Router::new()
        .route(
            "/me",
            cors_routes![me; layers = [middleware::from_fn_with_state(app.clone(), require_bearer)]],
        )
        .route(
            "/slow",
            cors_routes![slow; layers = [TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                Duration::from_millis(50),
            )]],
        )
        .route(
            "/panics",
            cors_routes![panics; layers = [CatchPanicLayer::new()]],
        )
        .route(
            "/upload",
            cors_routes![upload; layers = [RequestBodyLimitLayer::new(16)]],
        )
        .route(
            "/ordered",
            cors_routes![
                ordered(layers = [record("handler's first"), record("handler's second")]),
                ordered_unlayered;
                layers = [record("path's first"), record("path's second")],
            ],
        )
        .with_state(app.clone());
    (router, app)
}

fn with_token(request: Request) -> Request {
    with_header(request, "authorization", TOKEN.as_bytes())
}

/// What an allowed origin's actual answer carries under the `me` policy.
const ME_CORS: &[(&str, &str)] = &[(ACAO, A), (ACAC, "true")];

#[tokio::test]
async fn auth_preflight_is_answered_before_the_middleware() {
    let (router, app) = app();
    let response = send(&router, preflight("/me", A, "GET", Some("authorization"))).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(
        response.headers(),
        &[
            (ACAO, A),
            (ACAM, "GET, HEAD, POST"),
            (ACAH, "authorization, content-type"),
            (ACAC, "true"),
            (ACMA, "600"),
        ],
        &[PREFLIGHT_VARY],
    );
    assert!(app.auth_saw.lock().unwrap().is_empty());
    app.calls.assert_runs(&[]);
}

#[tokio::test]
async fn auth_refusal_is_readable_cross_origin() {
    let (router, app) = app();
    let response = send(&router, actual("GET", "/me", Some(A))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_cors_vary(response.headers(), ME_CORS, &["Origin"]);
    assert_eq!(body(response).await, "log in first");
    assert_eq!(*app.auth_saw.lock().unwrap(), ["GET"]);
    app.calls.assert_runs(&[]);
}

#[tokio::test]
async fn auth_with_the_token_reaches_the_handler() {
    let (router, app) = app();
    let response = send(&router, with_token(actual("POST", "/me", Some(A)))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), ME_CORS, &["Origin"]);
    assert_eq!(body(response).await, "ada");
    assert_eq!(*app.auth_saw.lock().unwrap(), ["POST"]);
    app.calls.assert_runs(&[("me", 1)]);
}

#[tokio::test]
async fn auth_refusal_for_another_origin_carries_no_cors_header() {
    let (router, app) = app();
    let response = send(&router, actual("GET", "/me", Some(EVIL))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_cors_vary(response.headers(), &[], &["Origin"]);
    app.calls.assert_runs(&[]);
}

#[tokio::test]
async fn timeout_answer_is_readable_cross_origin() {
    let (router, app) = app();
    let response = send(&router, preflight("/slow", A, "GET", None)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(
        response.headers(),
        &[(ACAO, A), (ACAM, "GET, HEAD")],
        &[PREFLIGHT_VARY],
    );
    app.calls.assert_runs(&[]);

    let response = send(&router, actual("GET", "/slow", Some(A))).await;
    assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
    assert_cors_vary(response.headers(), &[(ACAO, A)], &["Origin"]);
    // The handler started and was cut off.
    app.calls.assert_runs(&[("slow", 1)]);
}

#[tokio::test]
async fn caught_panic_is_readable_cross_origin() {
    let (router, app) = app();
    let response = send(&router, actual("GET", "/panics", Some(A))).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_cors_vary(
        response.headers(),
        &[(ACAO, A), (ACEH, "x-request-id")],
        &["Origin"],
    );
    app.calls.assert_runs(&[("panics", 1)]);
}

#[tokio::test]
async fn body_limit_answer_is_readable_cross_origin() {
    let (router, app) = app();
    let mut request = actual("POST", "/upload", Some(A));
    *request.body_mut() = axum::body::Body::from("x".repeat(100));
    let request = with_header(request, "content-length", b"100");
    let response = send(&router, request).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_cors_vary(response.headers(), &[(ACAO, A)], &["Origin"]);
    app.calls.assert_runs(&[]);

    let mut request = actual("POST", "/upload", Some(A));
    *request.body_mut() = axum::body::Body::from("small");
    let response = send(&router, request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), &[(ACAO, A)], &["Origin"]);
    assert_eq!(body(response).await, "small");
    app.calls.assert_runs(&[("upload", 1)]);
}

#[tokio::test]
async fn layers_run_in_the_order_written_the_paths_first() {
    let (router, app) = app();
    let response = send(&router, actual("GET", "/ordered", Some(A))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), &[(ACAO, A)], &["Origin"]);
    assert_eq!(
        *app.ran.lock().unwrap(),
        [
            "path's first",
            "path's second",
            "handler's first",
            "handler's second",
            "handler"
        ]
    );

    app.calls.assert_runs(&[("ordered", 1)]);

    app.ran.lock().unwrap().clear();
    let response = send(&router, actual("POST", "/ordered", Some(A))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), &[(ACAO, A)], &["Origin"]);
    assert_eq!(
        *app.ran.lock().unwrap(),
        ["path's first", "path's second", "unlayered handler"]
    );

    app.ran.lock().unwrap().clear();
    let response = send(&router, preflight("/ordered", A, "GET", None)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(
        app.ran.lock().unwrap().is_empty(),
        "no layer sees a preflight"
    );
    app.calls
        .assert_runs(&[("ordered", 1), ("ordered_unlayered", 1)]);
}

/// Auth kept on the whole Router (outside every policy) lets preflights pass with
/// [`is_preflight`]; its own refusals carry no CORS headers (README, "Middleware and auth").
#[tokio::test]
async fn router_wide_auth_lets_preflights_pass_with_is_preflight() {
    #[cors(origins = ["https://a.example"], methods = [GET], headers = ["authorization"])]
    async fn profile(State(calls): State<Calls>) -> &'static str {
        calls.hit("profile");
        "ada"
    }
    async fn outer_auth(request: Request, next: Next) -> Response {
        if is_preflight(&request) || request.headers().get("authorization").is_some() {
            next.run(request).await
        } else {
            StatusCode::UNAUTHORIZED.into_response()
        }
    }
    let calls = Calls::new(&["profile"]);
    let router = Router::new()
        .route("/profile", cors_routes![profile])
        .layer(middleware::from_fn(outer_auth))
        .with_state(calls.clone());

    let response = send(
        &router,
        preflight("/profile", A, "GET", Some("authorization")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(
        response.headers(),
        &[(ACAO, A), (ACAM, "GET, HEAD"), (ACAH, "authorization")],
        &[PREFLIGHT_VARY],
    );
    calls.assert_runs(&[]);

    // Refused outside the policy: not even `Vary: Origin`.
    let response = send(&router, actual("GET", "/profile", Some(A))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_cors_vary(response.headers(), &[], &[]);
    calls.assert_runs(&[]);

    let response = send(&router, with_token(actual("GET", "/profile", Some(A)))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), &[(ACAO, A)], &["Origin"]);
    calls.assert_runs(&[("profile", 1)]);
}

/// The path's layers wrap the user's OPTIONS handler too, never the preflight.
#[tokio::test]
async fn path_layers_wrap_the_users_options_handler_but_not_the_preflight() {
    #[cors(origins = ["https://a.example"], methods = [GET], headers = ["authorization"])]
    async fn report(State(app): State<App>) -> &'static str {
        app.calls.hit("report");
        "report"
    }
    async fn describe(State(app): State<App>) -> &'static str {
        app.calls.hit("describe");
        "GET returns the report"
    }
    let app = App {
        calls: Calls::new(&["report", "describe"]),
        auth_saw: Arc::default(),
        ran: Arc::default(),
    };
    let router = Router::new()
        .route(
            "/report",
            cors_routes![report; layers = [middleware::from_fn_with_state(app.clone(), require_bearer)], options = describe],
        )
        .with_state(app.clone());

    let response = send(&router, actual("OPTIONS", "/report", Some(A))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_cors_vary(response.headers(), &[], &[]);
    app.calls.assert_runs(&[]);
    let response = send(&router, with_token(actual("OPTIONS", "/report", Some(A)))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), &[], &[]);
    assert_eq!(body(response).await, "GET returns the report");
    assert_eq!(*app.auth_saw.lock().unwrap(), ["OPTIONS", "OPTIONS"]);
    app.calls.assert_runs(&[("describe", 1)]);

    let response = send(
        &router,
        preflight("/report", A, "GET", Some("authorization")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(
        response.headers(),
        &[(ACAO, A), (ACAM, "GET, HEAD"), (ACAH, "authorization")],
        &[PREFLIGHT_VARY],
    );
    assert_eq!(
        app.auth_saw.lock().unwrap().len(),
        2,
        "the preflight never reaches it"
    );
    app.calls.assert_runs(&[("describe", 1)]);
}
