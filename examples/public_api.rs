//! A public, read-only API that any site may call: `origins = "*"` answers every origin
//! with the constant `Access-Control-Allow-Origin: *` (no cookies: `credentials` with `"*"`
//! does not compile), and a day-long preflight cache. `cargo run --example public_api`,
//! then `curl -i localhost:3003/rates -H 'Origin: https://any.example'`.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::{Json, Router};
use cors_runtime::{cors, cors_routes};

/// Today's rates; readable by scripts on any site, `x-rate-date` included.
#[cors(origins = "*", methods = [GET], expose = ["x-rate-date"], max_age = 86400)]
async fn rates() -> (
    [(&'static str, &'static str); 1],
    Json<Vec<(&'static str, f64)>>,
) {
    (
        [("x-rate-date", "2026-12-04")],
        Json(vec![("EUR", 1.0), ("USD", 1.08)]),
    )
}

/// One rate; an unknown currency is a `404` that scripts can read too.
#[cors(origins = "*", methods = [GET], max_age = 86400)]
async fn rate(Path(currency): Path<String>) -> Result<Json<f64>, StatusCode> {
    match currency.as_str() {
        "EUR" => Ok(Json(1.0)),
        "USD" => Ok(Json(1.08)),
        _ => Err(StatusCode::NOT_FOUND),
    }
}

/// The app.
pub fn app() -> Router {
    Router::new()
        .route("/rates", cors_routes![rates])
        .route("/rates/{currency}", cors_routes![rate])
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3003").await?;
    println!("listening on http://localhost:3003/rates");
    axum::serve(listener, app()).await
}
