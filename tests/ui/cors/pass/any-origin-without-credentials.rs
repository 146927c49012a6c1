//! `"*"` is fine for origins, headers and expose as long as there is no `credentials`.

#![deny(warnings)]

use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = "*", methods = [GET], headers = "*", expose = "*")]
async fn public_data() {}

fn main() {
    let _app: Router = Router::new().route("/public", cors_routes![public_data]);
}
