//! Shared policies (README, "Sharing a policy"): three handlers on two paths use one
//! policy, defined in another module; one adds a header, one overrides `max_age`; each
//! answers with exactly its effective policy, preflight and actual.

mod support;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use cors_runtime::{cors, cors_routes};

use support::*;

mod policies {
    use cors_runtime::cors_policy;

    /// The app on https://a.example, with its cookie.
    #[cors_policy(
        origins = ["https://a.example"],
        headers = ["content-type"],
        expose = ["x-request-id"],
        credentials,
        max_age = 600,
    )]
    pub struct App;
}

use policies::App;

#[cors(policy = App, methods = [GET])]
async fn list_items(State(calls): State<Calls>) -> &'static str {
    calls.hit("list_items");
    "[]"
}

/// Adds a header to the shared ones.
#[cors(policy = policies::App, methods = [POST], headers = ["x-idempotency-key"])]
async fn create_item(State(calls): State<Calls>, body: String) -> String {
    calls.hit("create_item");
    body
}

/// Overrides `max_age`, on another path.
#[cors(policy = crate::policies::App, methods = [DELETE], max_age = 5)]
async fn delete_item(State(calls): State<Calls>) -> StatusCode {
    calls.hit("delete_item");
    StatusCode::NO_CONTENT
}

fn app() -> (Router, Calls) {
    let calls = Calls::new(&["list_items", "create_item", "delete_item"]);
    let app = Router::new()
        .route("/items", cors_routes![list_items, create_item])
        .route("/items/{id}", cors_routes![delete_item])
        .with_state(calls.clone());
    (app, calls)
}

/// What every actual answer to the allowed origin carries under the shared policy.
const ACTUAL: &[(&str, &str)] = &[(ACAO, A), (ACAC, "true"), (ACEH, "x-request-id")];

#[tokio::test]
async fn the_handler_that_only_uses_it_answers_with_the_shared_policy() {
    let (app, calls) = app();
    let response = send(&app, preflight("/items", A, "GET", Some("content-type"))).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(
        response.headers(),
        &[
            (ACAO, A),
            (ACAM, "GET, HEAD"),
            (ACAH, "content-type"),
            (ACAC, "true"),
            (ACMA, "600"),
        ],
        &[PREFLIGHT_VARY],
    );
    // Only the other handler adds this header.
    assert_refused_preflight(
        send(
            &app,
            preflight("/items", A, "GET", Some("x-idempotency-key")),
        )
        .await,
    )
    .await;

    let response = send(&app, actual("GET", "/items", Some(A))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), ACTUAL, &["Origin"]);
    assert_eq!(body(response).await, "[]");
    // The preflights ran no handler.
    calls.assert_runs(&[("list_items", 1)]);
}

#[tokio::test]
async fn the_handler_that_adds_a_header_allows_both() {
    let (app, calls) = app();
    let response = send(
        &app,
        preflight("/items", A, "POST", Some("content-type,x-idempotency-key")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(
        response.headers(),
        &[
            (ACAO, A),
            (ACAM, "POST"),
            (ACAH, "content-type, x-idempotency-key"),
            (ACAC, "true"),
            (ACMA, "600"),
        ],
        &[PREFLIGHT_VARY],
    );

    let mut request = actual("POST", "/items", Some(A));
    *request.body_mut() = axum::body::Body::from("a new item");
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), ACTUAL, &["Origin"]);
    assert_eq!(body(response).await, "a new item");
    calls.assert_runs(&[("create_item", 1)]);
}

#[tokio::test]
async fn the_handler_that_overrides_max_age_sends_its_own() {
    let (app, calls) = app();
    let response = send(
        &app,
        preflight("/items/7", A, "DELETE", Some("content-type")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(
        response.headers(),
        &[
            (ACAO, A),
            (ACAM, "DELETE"),
            (ACAH, "content-type"),
            (ACAC, "true"),
            (ACMA, "5"),
        ],
        &[PREFLIGHT_VARY],
    );

    let response = send(&app, actual("DELETE", "/items/7", Some(A))).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(response.headers(), ACTUAL, &["Origin"]);
    calls.assert_runs(&[("delete_item", 1)]);
}

#[tokio::test]
async fn other_origins_are_refused_by_every_handler_of_the_policy() {
    let (app, calls) = app();
    for (path, method) in [
        ("/items", "GET"),
        ("/items", "POST"),
        ("/items/7", "DELETE"),
    ] {
        assert_refused_preflight(send(&app, preflight(path, EVIL, method, None)).await).await;
        let response = send(&app, actual(method, path, Some(EVIL))).await;
        assert_cors_vary(response.headers(), &[], &["Origin"]);
    }
    // No handler ran for a refused preflight; CORS does not stop an actual request, whose
    // answer the browser withholds.
    calls.assert_runs(&[("list_items", 1), ("create_item", 1), ("delete_item", 1)]);
}
