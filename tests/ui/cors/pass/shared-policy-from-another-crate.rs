//! A `pub` shared policy defined in another crate (tests/renamed-dependency, which names
//! the runtime `my_cors`) and used here.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(policy = cors_renamed_dependency::PartnerPolicy, methods = [GET], expose = ["x-request-id"])]
async fn partner_report() -> &'static str {
    "{}"
}

fn main() {
    let _app: Router = Router::new().route("/report", cors_routes![partner_report]);
}
