//! The same with `any(...)`.
use axum::Router;
use axum::routing::any;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET, POST])]
async fn users() -> &'static str {
    "[]"
}

fn main() {
    let _app: Router = Router::new().route("/users", any(users));
}
