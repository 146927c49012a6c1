use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn create() {}

#[cors(origins = ["https://admin.example.com"], methods = [POST, PUT])]
async fn replace() {}

fn main() {
    let _app: Router = Router::new().route("/items", cors_routes![create, replace]);
}
