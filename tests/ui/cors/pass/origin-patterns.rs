//! Origin patterns: any subdomain of a domain you own, any port of a loopback host.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(
    origins = [
        "https://*.example.com",         // a.example.com, a.b.example.com; not example.com
        "https://*.example.co.uk:8443",  // under a public suffix, on one port
        "http://*.localhost",            // app.localhost: loopback in browsers
        "http://localhost:*",            // any port, the default one included
        "http://127.0.0.1:*",
        "http://127.0.0.2:*",            // any address in 127.0.0.0/8
        "http://[::1]:*",
    ],
    methods = [GET],
    credentials,
)]
async fn handler() {}

fn main() {
    let _app: Router = Router::new().route("/", cors_routes![handler]);
}
