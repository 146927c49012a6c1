//! Production origins in the code, development origins from the environment: the dev
//! server's origin is added only where `APP_DEV_ORIGINS` is set, and each deployment
//! names its extra origins in `APP_EXTRA_ORIGINS` (the production site when unset). Both
//! are read once, when the router is built, and checked by the same rules as the literals;
//! a bad value stops the server at startup with every problem listed.
//!
//! ```text
//! APP_DEV_ORIGINS=http://localhost:5173 cargo run --example dev_origins
//! curl -i localhost:3004/projects -H 'Origin: http://localhost:5173'
//! ```

use axum::{Json, Router};
use cors_runtime::{CorsHandler, cors, cors_policy, cors_routes};

/// The web app's policy, shared by its handlers.
#[cors_policy(
    origins = [
        "https://app.example.com",
        env("APP_DEV_ORIGINS", optional),
        env("APP_EXTRA_ORIGINS", default = "https://www.example.com"),
    ],
    headers = ["content-type"],
    credentials,
    max_age = 600,
)]
pub struct WebApp;

#[cors(policy = WebApp, methods = [GET])]
async fn projects() -> Json<Vec<&'static str>> {
    Json(vec!["apollo", "gemini"])
}

#[cors(policy = WebApp, methods = [POST])]
async fn create_project(Json(name): Json<String>) -> Json<String> {
    Json(name)
}

/// The app; checks the origins first, so a bad variable is an error, not a panic.
pub fn app() -> Result<Router, cors_runtime::StartupError> {
    <projects as CorsHandler>::check_origins()?;
    Ok(Router::new().route("/projects", cors_routes![projects, create_project]))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = app()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3004").await?;
    println!("listening on http://localhost:3004/projects");
    axum::serve(listener, app).await?;
    Ok(())
}
