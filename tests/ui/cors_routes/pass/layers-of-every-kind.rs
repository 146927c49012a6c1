//! Every kind of layer `Handler::layer` takes goes through `layers = [..]`'s check:
//! axum's middleware (`from_fn` with a fn or a closure, `from_fn_with_state`,
//! `from_extractor`), tower-http's layers, a `ServiceBuilder` that turns a failing layer's
//! errors into responses (`HandleErrorLayer`), an optional layer, a layer in a variable and
//! in a router generic over its state.

#![deny(warnings)]

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use cors_runtime::{cors, cors_routes};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

#[derive(Clone)]
struct AppState;

async fn require_auth(request: Request, next: Next) -> Response {
    next.run(request).await
}

async fn require_bearer(State(_state): State<AppState>, request: Request, next: Next) -> Response {
    next.run(request).await
}

mod auth {
    use super::*;

    pub async fn log(method: axum::http::Method, request: Request, next: Next) -> Result<Response, StatusCode> {
        let _ = method;
        Ok(next.run(request).await)
    }
}

struct Token;

impl<S: Send + Sync> FromRequestParts<S> for Token {
    type Rejection = StatusCode;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, StatusCode> {
        Ok(Token)
    }
}

async fn timed_out(_error: tower::BoxError) -> StatusCode {
    StatusCode::REQUEST_TIMEOUT
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn create_user(body: String) -> String {
    body
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_items<S: Clone + Send + Sync + 'static>(State(_state): State<S>) -> &'static str {
    "[]"
}

fn generic<S: Clone + Send + Sync + 'static>(state: S) -> Router {
    let auth = middleware::from_fn(require_auth);
    Router::new()
        .route("/items", cors_routes![list_items::<S>; layers = [auth, CatchPanicLayer::new()]])
        .with_state(state)
}

fn main() {
    let state = AppState;
    let bearer = middleware::from_fn_with_state(state.clone(), require_bearer);
    let optional = tower::util::option_layer(Some(middleware::from_fn(require_auth)));
    // A few layers per handler: rustc takes noticeably longer with each layer nested
    // around one handler (axum's `Layered`), with or without the check.
    let _app: Router = Router::new()
        .route(
            "/users",
            cors_routes![
                list_users(layers = [middleware::from_fn(require_auth), middleware::from_fn(auth::log)]),
                create_user(layers = [bearer]);
                layers = [TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(10))],
            ],
        )
        .route(
            "/closure",
            cors_routes![list_users(layers = [
                middleware::from_fn(|request: Request, next: Next| async move {
                    Ok::<_, Infallible>(next.run(request).await.into_response())
                }),
                middleware::from_extractor::<Token>(),
            ])],
        )
        .route(
            "/builder",
            cors_routes![list_users(layers = [
                ServiceBuilder::new()
                    .layer(HandleErrorLayer::new(timed_out))
                    .layer(tower::timeout::TimeoutLayer::new(Duration::from_secs(1))),
                optional,
            ])],
        )
        .route(
            "/tower-http",
            cors_routes![list_users; layers = [
                CatchPanicLayer::new(),
                RequestBodyLimitLayer::new(4096),
                tower::layer::util::Identity::new(),
            ]],
        )
        .with_state(state);
    let _generic = generic(AppState);
}
