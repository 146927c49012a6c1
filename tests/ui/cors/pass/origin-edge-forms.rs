//! Origins in their serialized form, at the edges of what is allowed.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(
    origins = [
        "https://app.example.com:8443",   // a port other than the default
        "http://app.example.com:443",     // 443 is not the default port of http
        "http://[::1]:3000",              // compressed IPv6 loopback
        "https://xn--bcher-kva.example",  // punycode of bücher.example
        "http://192.168.1.10:1",          // lowest port
        "https://app.example.com:65535",  // highest port
    ],
    methods = [GET],
)]
async fn handler() {}

fn main() {
    let _app: Router = Router::new().route("/", cors_routes![handler]);
}
