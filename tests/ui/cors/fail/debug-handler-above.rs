//! `#[debug_handler]` above `#[cors]` checks the name, which is no longer the fn.
use axum_macros::debug_handler;
use cors_runtime::cors;

#[debug_handler]
#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn create_user(body: String) -> String {
    body
}

fn main() {}
