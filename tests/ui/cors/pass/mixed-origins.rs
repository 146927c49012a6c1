//! Every kind of `origins` entry in one list: exact origins, patterns, `env(...)` and
//! `from_fn(...)`.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{CorsHandler, cors, cors_routes};

fn tenants() -> Vec<String> {
    vec!["https://acme.example".to_owned()]
}

#[cors(
    origins = [
        "https://app.example.com",
        "https://*.example.com",
        "http://localhost:*",
        env("EXTRA_ORIGINS"),
        from_fn(tenants),
    ],
    methods = [GET, PATCH],
    strict,
)]
async fn handler() {}

fn main() {
    if <handler as CorsHandler>::check_origins().is_ok() {
        let _app: Router = Router::new().route("/", cors_routes![handler]);
    }
}
