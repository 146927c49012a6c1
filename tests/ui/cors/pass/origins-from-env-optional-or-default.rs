//! `env(..., optional)`: a dev-only origin that may be absent; `env(..., default = "...")`:
//! origins used when the variable is not set, checked now like literals.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(
    origins = [
        "https://app.example.com",
        env("DEV_ORIGINS", optional),
        env("PARTNER_ORIGINS", default = "https://partner.example, https://*.partner.example"),
    ],
    methods = [GET],
    credentials,
)]
async fn handler() {}

fn main() {
    let _app: Router = Router::new().route("/", cors_routes![handler]);
}
