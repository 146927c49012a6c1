//! `#[cors]` composes with the attributes handlers usually carry: axum's
//! `#[debug_handler]` below it, `#[tracing::instrument]` below or above it (README,
//! "Quick start"). `#[debug_handler]` above `#[cors]` is tests/ui/cors/fail/debug-handler-above.rs.

#![deny(warnings)]

use axum::Router;
use axum::extract::State;
use axum_macros::debug_handler;
use cors_runtime::{cors, cors_routes};

#[derive(Clone)]
struct AppState;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
#[debug_handler(state = AppState)]
async fn checked(State(_state): State<AppState>) -> &'static str {
    "checked"
}

#[cors(origins = ["https://app.example.com"], methods = [POST])]
#[debug_handler]
async fn checked_without_state(body: String) -> String {
    body
}

#[cors(origins = ["https://app.example.com"], methods = [PUT])]
#[tracing::instrument]
async fn instrumented(body: String) -> String {
    body
}

#[tracing::instrument]
#[cors(origins = ["https://app.example.com"], methods = [DELETE])]
async fn instrumented_first() -> &'static str {
    "deleted"
}

fn main() {
    let _app: Router = Router::new()
        .route("/checked", cors_routes![checked])
        .route("/other", cors_routes![checked_without_state, instrumented, instrumented_first])
        .with_state(AppState);
}
