//! Two origins in a real browser: `cargo run --example demo`, then open the page URL it
//! prints. The page's call to `/api/greeting` is allowed; its call to
//! `/api/partner-only` is blocked by the browser. Set `RUST_LOG=cors=debug` to see why
//! each refusal happened.

use cors_suite::demo::{API_PORT, PAGE_PORT, serve};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "cors=debug".into()),
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
