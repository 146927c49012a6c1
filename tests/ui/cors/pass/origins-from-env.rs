//! `env("NAME")`: origins read from the environment when the router is built, alone or
//! beside literals and patterns.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{CorsHandler, cors, cors_routes};

#[cors(origins = env("APP_CORS_ORIGINS"), methods = [GET])]
async fn alone() {}

#[cors(
    origins = ["https://app.example.com", env("APP_CORS_ORIGINS"), "http://localhost:*", env("PARTNER_ORIGINS")],
    methods = [GET, POST],
    headers = ["content-type"],
    credentials,
)]
async fn combined() {}

fn app() -> Router {
    Router::new()
        .route("/alone", cors_routes![alone])
        .route("/combined", cors_routes![combined])
}

fn main() {
    // Building the router reads the variables; check them first to report a missing one.
    let ready = [<alone as CorsHandler>::check_origins, <combined as CorsHandler>::check_origins]
        .iter()
        .all(|check| check().is_ok());
    if ready {
        let _app = app();
    }
}
