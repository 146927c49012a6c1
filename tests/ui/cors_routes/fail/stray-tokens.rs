//! Tokens `cors_routes!` does not expect: a missing `,` between two handlers or between
//! two options, a `:`.
use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn create_user(body: String) -> String {
    body
}

async fn describe() -> &'static str {
    "GET lists, POST creates"
}

fn main() {
    let _app: Router = Router::new().route("/a", cors_routes![list_users create_user]);
    let _app: Router = Router::new().route("/b", cors_routes![list_users; layers = [] options = describe]);
    let _app: Router = Router::new().route("/c", cors_routes![list_users: create_user]);
}
