//! An annotated handler routed with axum's `get` would serve without its policy.
use axum::Router;
use axum::routing::get;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

fn main() {
    let _app: Router = Router::new().route("/users", get(list_users));
}
