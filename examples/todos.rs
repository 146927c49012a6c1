//! A small todo API for a single-page app on another origin: shared state, an API nested
//! under `/api`, bearer auth and a timeout inside the CORS policy.
//!
//! ```text
//! cargo run --example todos
//! curl -i http://localhost:3000/api/todos -H 'origin: http://localhost:5173'
//! curl -i -X POST http://localhost:3000/api/todos -H 'origin: http://localhost:5173' \
//!      -H 'authorization: Bearer let-me-in' -d 'buy milk'
//! ```
//!
//! Without the token the POST gets `401` with `Access-Control-Allow-Origin`, so the page
//! can tell "logged out" from "network down". Copy it as it is: it uses only
//! `cors-runtime`, axum, tokio and tower-http.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use cors_runtime::{cors, cors_routes};
use tower_http::timeout::TimeoutLayer;

/// What every handler and the auth middleware share.
#[derive(Clone)]
pub struct AppState {
    todos: Arc<Mutex<Vec<String>>>,
    token: Arc<str>,
}

impl AppState {
    /// No todos yet; writes need `Authorization: Bearer <token>`.
    pub fn new(token: &str) -> AppState {
        AppState {
            todos: Arc::default(),
            token: token.into(),
        }
    }
}

/// Lets a request through only with the bearer token; answers `401` otherwise.
async fn require_bearer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let expected = format!("Bearer {}", state.token);
    match request.headers().get("authorization") {
        Some(value) if value.as_bytes() == expected.as_bytes() => next.run(request).await,
        _ => (StatusCode::UNAUTHORIZED, "log in first").into_response(),
    }
}

/// Anyone on the app's origin may read.
#[cors(origins = ["http://localhost:5173", "https://todos.example.com"], methods = [GET])]
async fn list_todos(State(state): State<AppState>) -> String {
    state.todos.lock().unwrap().join("\n")
}

/// Writing needs the token: the policy lets the page send `Authorization`.
#[cors(
    origins = ["http://localhost:5173", "https://todos.example.com"],
    methods = [POST],
    headers = ["authorization", "content-type"],
    max_age = 600,
)]
async fn create_todo(State(state): State<AppState>, todo: String) -> (StatusCode, String) {
    state.todos.lock().unwrap().push(todo.clone());
    (StatusCode::CREATED, todo)
}

async fn health() -> &'static str {
    "ok"
}

/// The whole app: the API under `/api`, a health check outside any policy.
pub fn app(state: AppState) -> Router {
    let auth = middleware::from_fn_with_state(state.clone(), require_bearer);
    let timeout =
        TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(10));
    let api = Router::new().route(
        "/todos",
        // Reading is public, creating needs the token; both time out after 10 s. The
        // preflight of the POST is answered before either layer.
        cors_routes![list_todos, create_todo(layers = [auth]); layers = [timeout]],
    );
    Router::new()
        .nest("/api", api)
        .route("/health", get(health))
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000")
        .await
        .expect("port 3000 is free");
    println!("todo API on http://localhost:3000/api/todos (token: let-me-in)");
    axum::serve(listener, app(AppState::new("let-me-in")))
        .await
        .expect("the server runs");
}
