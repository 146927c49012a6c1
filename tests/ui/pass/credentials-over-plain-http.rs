//! `credentials` with plain `http://`: fine on loopback hosts, and elsewhere only with
//! the loudly named opt-in.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(
    origins = ["http://localhost:5173", "http://127.0.0.1:8080", "http://127.0.0.2", "http://[::1]:3000"],
    methods = [GET],
    credentials,
)]
async fn local_dev() {}

#[cors(
    origins = ["http://intranet.example.com"],
    methods = [GET],
    credentials,
    dangerously_allow_insecure_origins,
)]
async fn legacy_intranet() {}

fn main() {
    let _app: Router = Router::new()
        .route("/dev", cors_routes![local_dev])
        .route("/intranet", cors_routes![legacy_intranet]);
}
