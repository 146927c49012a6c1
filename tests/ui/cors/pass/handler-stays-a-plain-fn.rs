//! The annotated fn is unchanged: callable, usable with `get(...)`, visible as before.

#![deny(warnings)]

use axum::Router;
use axum::routing::get;
use cors_runtime::{cors, cors_routes};

mod api {
    use cors_runtime::cors;

    /// Docs stay on the fn.
    #[cors(origins = ["https://app.example.com"], methods = [GET])]
    pub async fn greeting(name: String) -> String {
        format!("hello {name}")
    }
}

#[cors(origins = ["https://app.example.com"], methods = [GET, POST])]
async fn echo(body: String) -> String {
    body
}

fn main() {
    let _future = api::greeting("ada".to_owned());
    let _app: Router = Router::new()
        .route("/greeting", cors_routes![api::greeting])
        .route("/echo", cors_routes![echo])
        .route("/plain", get(echo));
}
