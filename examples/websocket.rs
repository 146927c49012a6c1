//! A WebSocket under a CORS policy. Browsers apply no CORS to WebSockets, so any site
//! could open one to your server with the user's cookies; the policy refuses a handshake
//! from an origin it does not allow with `403`, before the handler runs (RFC 6455 section
//! 10.2: the server checks `Origin`). `cargo run --example websocket`.

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use cors_runtime::{cors, cors_routes};

/// Echoes every text message, for pages on the app's origin only.
#[cors(origins = ["https://app.example.com", "http://localhost:5173"], methods = [GET], credentials)]
async fn echo(upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(|mut socket: WebSocket| async move {
        while let Some(Ok(Message::Text(text))) = socket.recv().await {
            if socket.send(Message::Text(text)).await.is_err() {
                break;
            }
        }
    })
}

/// The app.
pub fn app() -> Router {
    Router::new().route("/echo", cors_routes![echo])
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3005").await?;
    println!("listening on ws://localhost:3005/echo");
    axum::serve(listener, app()).await
}
