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

/// A shared policy other crates name: `#[cors(policy = cors_renamed_dependency::PartnerPolicy, ...)]`
/// (tests/ui/cors/pass/shared-policy-from-another-crate.rs).
#[my_cors::cors_policy(
    origins = ["https://partner.example"],
    headers = ["x-partner-key"],
    crate = my_cors,
)]
pub struct PartnerPolicy;
