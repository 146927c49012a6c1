//! `max_age` accepts `0` (no caching) up to `86400` (one day).

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET], max_age = 0)]
async fn never_cached() {}

#[cors(origins = ["https://app.example.com"], methods = [POST], max_age = 86400)]
async fn cached_one_day() {}

fn main() {
    let _app: Router = Router::new().route("/", cors_routes![never_cached, cached_one_day]);
}
