//! The smallest policy: one origin, one method. Its expansion must not warn.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn handler() {}

fn main() {
    let _app: Router = Router::new().route("/", cors_routes![handler]);
}
