//! A middleware fn given to `layers` without `middleware::from_fn(..)`.
use axum::Router;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use cors_runtime::{cors, cors_routes};

async fn require_auth(request: Request, next: Next) -> Response {
    next.run(request).await
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

fn main() {
    let _app: Router = Router::new().route("/users", cors_routes![list_users; layers = [require_auth]]);
}
