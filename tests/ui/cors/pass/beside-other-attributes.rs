//! `#[cors]` composes with the attributes handlers usually carry, in either order:
//! axum's `#[debug_handler]` and `#[tracing::instrument]` (DESIGN section 1).

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

#[debug_handler]
#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn checked_first(body: String) -> String {
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
        .route("/other", cors_routes![checked_first, instrumented, instrumented_first])
        .with_state(AppState);
}
