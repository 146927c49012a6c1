//! A handler that is not `async`.
use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET])]
fn list_users() -> &'static str {
    "[]"
}

fn main() {
    // No second error here: the name still stands for a (stub) handler.
    let _app: Router = Router::new().route("/users", cors_routes![list_users]);
}
