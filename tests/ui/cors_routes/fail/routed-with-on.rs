//! The same with `MethodRouter::on`.
use axum::Router;
use axum::routing::{MethodFilter, MethodRouter};
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [DELETE])]
async fn delete_user() {}

fn main() {
    let _app: Router =
        Router::new().route("/users", MethodRouter::new().on(MethodFilter::DELETE, delete_user));
}
