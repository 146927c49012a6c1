//! What is not a layer at all in `layers = [..]`: a handler (a fn without `Next`), and a
//! value of another type.
use std::time::Duration;

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

async fn health() -> &'static str {
    "ok"
}

fn main() {
    let _app: Router = Router::new().route("/users", cors_routes![list_users; layers = [health]]);
    let _app: Router = Router::new().route("/users", cors_routes![list_users; layers = [Duration::from_secs(10)]]);
}
