//! Every key of `#[cors(...)]` at once.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(
    origins = ["https://admin.example.com", "https://app.example.com"],
    methods = [POST, PUT, DELETE, PATCH],
    headers = ["content-type", "authorization", "X-Request-Id"],
    expose = ["x-request-id", "x-ratelimit-remaining"],
    credentials,
    max_age = 600,
    private_network,
    dangerously_allow_insecure_origins,
)]
async fn update() {}

#[cors(origins = ["https://app.example.com"], methods = [GET, HEAD])]
async fn read() {}

fn main() {
    let _app: Router = Router::new().route("/items", cors_routes![read, update]);
}
