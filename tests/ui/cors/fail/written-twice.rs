//! `#[cors]` written twice on one handler: one policy per handler.
use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET])]
#[cors(origins = ["https://admin.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

fn main() {
    let _app: Router = Router::new().route("/users", cors_routes![list_users]);
}
