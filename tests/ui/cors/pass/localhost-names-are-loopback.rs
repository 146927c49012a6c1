//! Names under `localhost` are loopback (RFC 6761): `credentials` with plain `http://`
//! needs no `dangerously_allow_insecure_origins`, and the port wildcard is allowed.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(
    origins = ["http://app.localhost:3000", "http://admin.localhost:*", "http://*.dev.localhost"],
    methods = [GET, POST],
    credentials,
)]
async fn handler() {}

fn main() {
    let _app: Router = Router::new().route("/", cors_routes![handler]);
}
