//! `from_fn(path)`: origins returned by a function called when the router is built
//! (`Vec<&str>` or `Vec<String>`), alone or beside literals.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

mod config {
    /// Borrowed strings.
    pub fn partner_origins() -> Vec<&'static str> {
        vec!["https://partner.example", "https://*.partner.example"]
    }

    /// Owned strings, built at startup.
    pub fn tenant_origins() -> Vec<String> {
        ["acme", "globex"]
            .iter()
            .map(|tenant| format!("https://{tenant}.example.com"))
            .collect()
    }
}

#[cors(origins = from_fn(config::partner_origins), methods = [GET])]
async fn alone() {}

#[cors(
    origins = ["https://app.example.com", from_fn(config::tenant_origins), from_fn(config::partner_origins)],
    methods = [GET],
)]
async fn combined() {}

fn main() {
    let _app: Router = Router::new()
        .route("/alone", cors_routes![alone])
        .route("/combined", cors_routes![combined]);
}
