//! The same with `.post(...)` on a method router.
use axum::Router;
use axum::routing::get;
use cors_runtime::cors;

async fn list_users() -> &'static str {
    "[]"
}

#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn create_user(body: String) -> String {
    body
}

fn main() {
    let _app: Router = Router::new().route("/users", get(list_users).post(create_user));
}
