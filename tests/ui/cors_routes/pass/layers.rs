//! Middleware inside the policy: layers for every handler of the path and for one
//! handler, tower layers and axum middleware alike, with state and a user OPTIONS handler.

#![deny(warnings)]

use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use cors_runtime::{cors, cors_routes};
use tower_http::timeout::TimeoutLayer;

#[derive(Clone)]
struct AppState {
    token: &'static str,
}

async fn require_auth(State(state): State<AppState>, request: Request, next: Next) -> Result<Response, StatusCode> {
    let expected = format!("Bearer {}", state.token);
    match request.headers().get("authorization") {
        Some(value) if value == expected.as_str() => Ok(next.run(request).await),
        _ => Err(StatusCode::UNAUTHORIZED),
    }
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_todos(State(_state): State<AppState>) -> &'static str {
    "[]"
}

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["authorization"])]
async fn create_todo(body: String) -> String {
    body
}

async fn options() -> &'static str {
    "GET, POST"
}

fn main() {
    let state = AppState { token: "t" };
    let _app: Router = Router::new()
        .route(
            "/todos",
            cors_routes![
                list_todos,
                create_todo(layers = [middleware::from_fn_with_state(state.clone(), require_auth)]);
                layers = [TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(5))],
                options = options,
            ],
        )
        .with_state(state);
}
