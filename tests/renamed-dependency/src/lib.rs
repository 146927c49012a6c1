//! A crate that names `cors-runtime` `my_cors` in its `Cargo.toml`, so `::cors_runtime`
//! does not exist here: `#[cors]` finds the runtime through `crate = my_cors`.

use axum::Router;
use my_cors::{cors, cors_routes};

/// A handler whose policy is written through the renamed dependency.
#[cors(
    origins = ["https://app.example.com"],
    methods = [GET],
    expose = ["x-request-id"],
    crate = my_cors,
)]
pub async fn greeting() -> &'static str {
    "hello"
}

/// The router mounting [`greeting::handler`] on `/greeting`.
pub fn router() -> Router {
    Router::new().route("/greeting", cors_routes![greeting])
}
