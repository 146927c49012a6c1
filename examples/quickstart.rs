//! The smallest useful server: one annotated handler, one plain route.
//! `cargo run --example quickstart`, then
//! `curl -i localhost:3001/users -H 'Origin: https://app.example.com'`.

use axum::routing::get;
use axum::{Json, Router};
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> Json<Vec<&'static str>> {
    Json(vec!["ada", "grace"])
}

async fn health() -> &'static str {
    "ok"
}

/// The app: the annotated route with its policy, the plain one without.
pub fn app() -> Router {
    Router::new()
        .route("/users", cors_routes![list_users])
        .route("/health", get(health))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3001").await?;
    println!("listening on http://localhost:3001/users");
    axum::serve(listener, app()).await
}
