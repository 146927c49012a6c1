//! The annotated fn is `name::handler`: callable in a unit test, documented there, and
//! routable by hand on purpose (without CORS) with `get(name::handler)`.

#![deny(warnings)]

use axum::Router;
use axum::routing::get;
use cors_runtime::{cors, cors_routes};

mod api {
    use cors_runtime::cors;

    /// Docs move to `greeting::handler`.
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
    let _future = api::greeting::handler("ada".to_owned());
    let _app: Router = Router::new()
        .route("/greeting", cors_routes![api::greeting])
        .route("/echo", cors_routes![echo])
        .route("/plain", get(echo::handler));
}
