//! A tower layer whose service can fail (`Error` is not `Infallible`): tower's own
//! `TimeoutLayer` (tower-http's answers `408` instead, and fits).
use std::time::Duration;

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

fn main() {
    let _app: Router = Router::new().route(
        "/users",
        cors_routes![list_users(layers = [tower::timeout::TimeoutLayer::new(Duration::from_secs(1))])],
    );
}
