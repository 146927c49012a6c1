//! Two origins in a real browser: `cargo run --example demo`, then open the page URL it
//! prints. The page's call to `/api/greeting` is allowed; its call to
//! `/api/partner-only` is blocked by the browser, and the server logs why (the first
//! refusal is a `warn` with the fix; `RUST_LOG=cors=debug` shows every one). The browser
//! end-to-end tests serve the same routers. Self-contained: copy it as it is.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::State;
use axum::response::Html;
use axum::routing::get;
use axum::{Json, Router};
use cors_runtime::{cors, cors_routes};
use serde::Serialize;
use tokio::net::TcpListener;

/// Port of the API origin, `http://localhost:3000`.
pub const API_PORT: u16 = 3000;
/// Port of the page origin, `http://localhost:8080`, the origin the API allows.
pub const PAGE_PORT: u16 = 8080;

/// What the API's greeting returns.
#[derive(Serialize)]
pub struct Greeting {
    /// The message.
    pub message: &'static str,
    /// How many greetings were served so far.
    pub count: u64,
}

/// Counts greetings, to show state working beside the attribute.
#[derive(Clone, Default)]
pub struct Counter(Arc<AtomicU64>);

/// Allowed from the demo page's origin.
#[cors(origins = ["http://localhost:8080"], methods = [GET], expose = ["x-served-by"])]
pub async fn greeting(
    State(counter): State<Counter>,
) -> ([(&'static str, &'static str); 1], Json<Greeting>) {
    let count = counter.0.fetch_add(1, Ordering::Relaxed) + 1;
    (
        [("x-served-by", "cors-demo")],
        Json(Greeting {
            message: "Hello from the API: this call was allowed by CORS.",
            count,
        }),
    )
}

/// Allowed only from a partner site, so the demo page's call is blocked by the browser.
#[cors(origins = ["https://partner.example"], methods = [GET])]
pub async fn partner_only() -> &'static str {
    "partner data"
}

/// The API router, served on [`API_PORT`].
pub fn api() -> Router {
    Router::new()
        .route("/api/greeting", cors_routes![greeting])
        .route("/api/partner-only", cors_routes![partner_only])
        .with_state(Counter::default())
}

/// The page router, served on [`PAGE_PORT`]; `api_origin` is where its script calls.
pub fn page(api_origin: &str) -> Router {
    let html = PAGE.replace("__API_ORIGIN__", api_origin);
    Router::new().route("/", get(move || async move { Html(html) }))
}

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>#[cors] demo</title>
<style>
 body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; }
 .ok { color: #176b1a; } .blocked { color: #a11; } code { background: #eee; padding: 0 .2em; }
</style></head>
<body>
<h1><code>#[cors]</code> demo</h1>
<p>This page is served from <code id="page-origin"></code> and calls the API at
<code>__API_ORIGIN__</code>, a different origin.</p>
<h2>Allowed: <code>GET /api/greeting</code></h2>
<p id="allowed">running…</p>
<h2>Blocked: <code>GET /api/partner-only</code> (allows only https://partner.example)</h2>
<p id="blocked">running…</p>
<script>
document.getElementById('page-origin').textContent = location.origin;
async function run(id, path) {
  const out = document.getElementById(id);
  try {
    const res = await fetch('__API_ORIGIN__' + path);
    const body = await res.text();
    out.className = 'ok';
    out.textContent = 'allowed: ' + res.status + ' ' + body + ' (x-served-by: ' + res.headers.get('x-served-by') + ')';
  } catch (e) {
    out.className = 'blocked';
    out.textContent = 'blocked by the browser: ' + e.name + ': ' + e.message + ' (see the console for the CORS error)';
  }
}
run('allowed', '/api/greeting').then(() => run('blocked', '/api/partner-only'))
  .then(() => document.body.dataset.done = 'true');
</script>
</body></html>
"#;

/// Serves the API and the page on the given listeners until the process ends.
pub async fn serve(
    api_listener: TcpListener,
    page_listener: TcpListener,
    api_origin: &str,
) -> std::io::Result<()> {
    let api = axum::serve(api_listener, api());
    let page = axum::serve(page_listener, page(api_origin));
    tokio::try_join!(async { api.await }, async { page.await })?;
    Ok(())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,cors=debug".into()),
        )
        .init();
    let api = TcpListener::bind(("127.0.0.1", API_PORT)).await?;
    let page = TcpListener::bind(("127.0.0.1", PAGE_PORT)).await?;
    let api_origin = format!("http://localhost:{API_PORT}");
    println!("API  listening on {api_origin}");
    println!("Page listening on http://localhost:{PAGE_PORT}  <- open this in a browser");
    println!(
        "Try a preflight: curl -i -X OPTIONS {api_origin}/api/greeting -H 'Origin: http://localhost:{PAGE_PORT}' -H 'Access-Control-Request-Method: GET'"
    );
    serve(api, page, &api_origin).await
}
