//! A handler, with its own layers, after the `;`: handlers go before it.
use axum::Router;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use cors_runtime::{cors, cors_routes};

async fn require_auth(request: Request, next: Next) -> Response {
    next.run(request).await
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn create_user(body: String) -> String {
    body
}

fn main() {
    let auth = middleware::from_fn(require_auth);
    let _app: Router = Router::new().route("/users", cors_routes![list_users; create_user(layers = [auth])]);
}
