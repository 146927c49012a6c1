//! `headers = ["*", "authorization"]`: any request header, `Authorization` included
//! (`*` alone never covers it).

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET, POST], headers = ["*", "authorization"])]
async fn handler() {}

fn main() {
    let _app: Router = Router::new().route("/", cors_routes![handler]);
}
