// A handler mounted through a dependency renamed in Cargo.toml
// (`my_cors = { package = "cors-runtime", ... }`), found with `crate = my_cors`.
use axum::Router;
use my_cors::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET, POST], credentials, crate = my_cors)]
async fn items() -> &'static str {
    "[]"
}

fn main() {
    let _app: Router = Router::new().route("/items", cors_routes![items]);
}
