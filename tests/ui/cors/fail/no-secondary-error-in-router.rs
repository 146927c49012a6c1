//! A policy with a mistake reports that mistake only: the handler and the code that
//! routes it keep compiling, so no second error appears elsewhere.

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com/"], methods = [GET])]
async fn bad_handler() -> &'static str {
    "hello"
}

fn main() {
    let _app: Router = Router::new().route("/x", cors_routes![bad_handler]);
    // The fn itself is still there.
    let _future = bad_handler::handler();
}
