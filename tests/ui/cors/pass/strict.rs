//! `strict`: disallowed cross-origin writes are refused before the handler runs.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com", "https://*.app.example.com"], methods = [POST, PUT, DELETE], strict)]
async fn write() {}

#[cors(origins = ["https://app.example.com"], methods = [GET], strict, credentials)]
async fn read() {}

fn main() {
    let _app: Router = Router::new().route("/", cors_routes![read, write]);
}
