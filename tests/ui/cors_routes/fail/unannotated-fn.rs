//! A fn without `#[cors]` in `cors_routes!`.
use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

async fn create_user(body: String) -> String {
    body
}

fn main() {
    other();
    let _app: Router = Router::new().route("/users", cors_routes![list_users, create_user]);
}

async fn delete_user() {}

fn other() {
    let _app: Router = Router::new().route("/users", cors_routes![list_users, delete_user]);
}
