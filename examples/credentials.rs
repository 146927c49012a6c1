//! Cookies across origins: a `credentials` policy with explicit origins, methods and
//! headers (a wildcard is a compile error here). `cargo run --example credentials`.

use axum::http::{HeaderMap, StatusCode, header::COOKIE};
use axum::{Json, Router};
use cors_runtime::{cors, cors_routes};

/// Reads the session cookie that the SPA's `fetch(url, { credentials: "include" })` sends.
#[cors(
    origins = ["https://app.example.com", "http://localhost:5173"],
    methods = [GET],
    credentials,
    max_age = 600,
)]
async fn me(headers: HeaderMap) -> Result<Json<String>, StatusCode> {
    let cookie = headers.get(COOKIE).ok_or(StatusCode::UNAUTHORIZED)?;
    let session = cookie.to_str().map_err(|_| StatusCode::BAD_REQUEST)?;
    Ok(Json(format!("signed in with {session}")))
}

/// Updates the profile; the JSON body makes browsers preflight it.
#[cors(
    origins = ["https://app.example.com", "http://localhost:5173"],
    methods = [PUT],
    headers = ["content-type", "x-csrf-token"],
    expose = ["x-request-id"],
    credentials,
)]
async fn update_me(Json(name): Json<String>) -> ([(&'static str, &'static str); 1], String) {
    ([("x-request-id", "42")], format!("renamed to {name}"))
}

/// The app: both handlers of `/me`, each on its own method, one preflight endpoint.
pub fn app() -> Router {
    Router::new().route("/me", cors_routes![me, update_me])
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3002").await?;
    println!("listening on http://localhost:3002/me");
    axum::serve(listener, app()).await
}
