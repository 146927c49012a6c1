//! How annotated handlers are mounted and tested: the fn itself is `name::handler`, the
//! path's OPTIONS belongs to `cors_routes!`, and what the user's own OPTIONS handler's
//! answers carry (README, "Mounting and testing").

mod support;

use axum::Router;
use axum::extract::{Json, State};
use axum::http::StatusCode;
use axum::routing::options;
use cors_runtime::{cors, cors_routes};

use support::*;

#[cors(origins = ["https://a.example"], methods = [POST], headers = ["content-type"])]
async fn create_item(State(calls): State<Calls>, Json(name): Json<String>) -> (StatusCode, String) {
    calls.hit("create_item");
    (StatusCode::CREATED, name)
}

async fn describe(State(calls): State<Calls>) -> &'static str {
    calls.hit("describe");
    "POST creates an item"
}

fn calls() -> Calls {
    Calls::new(&["create_item", "describe"])
}

/// A unit test calls the fn itself, with its extractors built by hand.
#[tokio::test]
async fn a_unit_test_calls_name_handler() {
    let calls = calls();
    let (status, body) = create_item::handler(State(calls.clone()), Json("ada".to_owned())).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(body, "ada");
    calls.assert_runs(&[("create_item", 1)]);
}

/// The same handler through the router, as the browser reaches it.
#[tokio::test]
async fn a_test_through_the_router_sees_the_policy_too() {
    let calls = calls();
    let app = Router::new()
        .route("/items", cors_routes![create_item])
        .with_state(calls.clone());
    let request = with_header(
        actual("POST", "/items", Some(A)),
        "content-type",
        b"application/json",
    );
    let mut request = request;
    *request.body_mut() = axum::body::Body::from("\"ada\"");
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_cors_vary(response.headers(), &[(ACAO, A)], &["Origin"]);
    assert_eq!(body(response).await, "ada");
    calls.assert_runs(&[("create_item", 1)]);
}

/// Fetch, CORS protocol, HTTP requests (only an OPTIONS with `Access-Control-Request-Method`
/// is a CORS-preflight request): a non-preflight OPTIONS goes to the user's handler, whose
/// answer carries no CORS header, and no page on another origin can send one: a
/// cross-origin OPTIONS is preflighted first (OPTIONS is not a CORS-safelisted method), and
/// that preflight asks for a method no policy can list, so it is refused.
#[tokio::test]
async fn the_users_options_handler_answers_without_cors_headers() {
    let calls = calls();
    let app = Router::new()
        .route("/items", cors_routes![create_item; options = describe])
        .with_state(calls.clone());

    let response = send(&app, actual("OPTIONS", "/items", Some(A))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), &[], &[]);
    assert_eq!(body(response).await, "POST creates an item");
    calls.assert_runs(&[("describe", 1)]);

    assert_refused_preflight(send(&app, preflight("/items", A, "OPTIONS", None)).await).await;
    // The refused preflight ran neither handler.
    calls.assert_runs(&[("describe", 1)]);
}

/// The path's OPTIONS belongs to `cors_routes!`: adding another OPTIONS handler to the
/// same path is axum's "Overlapping method route" panic when the router is built. The
/// README and the `cors_routes!` docs point to `; options = handler` instead.
#[test]
fn a_second_options_handler_on_the_path_panics_when_the_router_is_built() {
    for build in [
        (|| {
            let _ =
                Router::<Calls>::new().route("/items", cors_routes![create_item].options(describe));
        }) as fn(),
        || {
            let _ = Router::<Calls>::new()
                .route("/items", cors_routes![create_item])
                .route("/items", options(describe));
        },
    ] {
        let panic = std::panic::catch_unwind(build).expect_err("the router is refused");
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .expect("a text panic");
        assert!(message.contains("Overlapping method route"), "{message}");
        assert!(message.contains("OPTIONS"), "{message}");
    }
}
