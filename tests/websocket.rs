//! WebSocket handshakes under the policy (RFC 6455 section 10.2: the server checks the
//! handshake's `Origin`; README, "WebSockets"), over a real loopback socket with a real
//! client (tokio-tungstenite): a handshake from an origin the policy does not allow gets
//! `403` before the handler runs; allowed, same-origin and Origin-less handshakes upgrade
//! and a message round-trips; `origins = "*"` allows all.

mod support;

use std::net::SocketAddr;

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::HeaderValue;
use axum::response::Response;
use cors_runtime::{CorsHandler, cors, cors_routes};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{self, Error};

use support::{A, ACAC, ACAO, Calls, EVIL, assert_cors_vary, serve};

#[cors(origins = ["https://a.example"], methods = [GET], credentials)]
async fn chat(State(calls): State<Calls>, ws: WebSocketUpgrade) -> Response {
    calls.hit("chat");
    ws.on_upgrade(echo)
}

#[cors(origins = "*", methods = [GET])]
async fn public(State(calls): State<Calls>, ws: WebSocketUpgrade) -> Response {
    calls.hit("public");
    ws.on_upgrade(echo)
}

/// Sends every text message back.
async fn echo(mut socket: WebSocket) {
    while let Some(Ok(Message::Text(text))) = socket.recv().await {
        if socket.send(Message::Text(text)).await.is_err() {
            break;
        }
    }
}

/// An upgrade answer without CORS headers (no `Origin`, or the server's own).
const NOT_CORS: Upgrade<'static> = Upgrade {
    cors: &[],
    vary: &["Origin"],
};

/// The upgrade answer of an `origins = "*"` policy: constant, so no `Vary: Origin`.
const ANY_ORIGIN: Upgrade<'static> = Upgrade {
    cors: &[(ACAO, "*")],
    vary: &[],
};

/// For a handshake expected to be refused: never checked, no `101` comes.
const UNREACHED: Upgrade<'static> = Upgrade {
    cors: &[],
    vary: &[],
};

async fn start() -> (SocketAddr, Calls) {
    let calls = Calls::new(&["chat", "public"]);
    let app = Router::new()
        .route("/chat", cors_routes![chat])
        .route("/public", cors_routes![public])
        .with_state(calls.clone());
    (serve(app).await, calls)
}

/// The CORS headers and `Vary` lines an upgrade (`101`) answer carries.
struct Upgrade<'a> {
    cors: &'a [(&'a str, &'a str)],
    vary: &'a [&'a str],
}

/// Opens `ws://addr/path` with `origin` (none when `None`), checks the `101` answer's
/// exact CORS headers, sends one message and expects it back; the handshake's error
/// otherwise.
async fn round_trip(
    addr: SocketAddr,
    path: &str,
    origin: Option<&str>,
    upgrade: Upgrade<'_>,
) -> Result<(), Error> {
    let mut request = format!("ws://{addr}{path}").into_client_request()?;
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("origin", HeaderValue::from_str(origin).expect("an origin"));
    }
    let (mut socket, response) = tokio_tungstenite::connect_async(request).await?;
    assert_eq!(response.status(), 101);
    assert_cors_vary(response.headers(), upgrade.cors, upgrade.vary);
    socket
        .send(tungstenite::Message::text("ping"))
        .await
        .expect("send");
    let reply = socket.next().await.expect("a reply").expect("a message");
    assert_eq!(reply, tungstenite::Message::text("ping"));
    Ok(())
}

#[tokio::test]
async fn a_handshake_from_a_disallowed_origin_is_refused_before_the_handler() {
    let (addr, calls) = start().await;
    match round_trip(addr, "/chat", Some(EVIL), UNREACHED).await {
        Err(Error::Http(response)) => {
            assert_eq!(response.status(), 403);
            assert!(response.body().as_deref().unwrap_or_default().is_empty());
            assert_cors_vary(response.headers(), &[], &["Origin"]);
        }
        other => panic!("expected a 403 handshake, got {other:?}"),
    }
    // The handler must not run.
    calls.assert_runs(&[]);
}

#[tokio::test]
async fn allowed_same_origin_and_origin_less_handshakes_upgrade() {
    let (addr, calls) = start().await;
    let allowed = Upgrade {
        cors: &[(ACAO, A), (ACAC, "true")],
        vary: &["Origin"],
    };
    round_trip(addr, "/chat", Some(A), allowed)
        .await
        .expect("allowed origin");
    // The server's own origin: a page it serves itself, whatever the policy lists. It is
    // not in the policy, so the answer carries no CORS header.
    let own = format!("http://{addr}");
    round_trip(addr, "/chat", Some(&own), NOT_CORS)
        .await
        .expect("same origin");
    // No Origin: not a browser (browsers always send it on a WebSocket handshake).
    round_trip(addr, "/chat", None, NOT_CORS)
        .await
        .expect("no origin");
    calls.assert_runs(&[("chat", 3)]);
}

#[tokio::test]
async fn an_any_origin_policy_allows_every_handshake() {
    let (addr, calls) = start().await;
    for origin in [EVIL, A] {
        round_trip(addr, "/public", Some(origin), ANY_ORIGIN)
            .await
            .expect("any origin");
    }
    calls.assert_runs(&[("public", 2)]);
}

#[test]
fn the_origin_check_is_public() {
    let allows = |origin| <chat as CorsHandler>::allows_origin(&HeaderValue::from_static(origin));
    assert!(allows(A));
    assert!(!allows(EVIL));
    assert!(!allows("https://a.example/"));
    assert!(<public as CorsHandler>::allows_origin(
        &HeaderValue::from_static(EVIL)
    ));
}

/// HTTP/2 WebSocket handshakes (RFC 8441) are extended `CONNECT` requests. `cors_routes!`
/// routes only the policy's methods and OPTIONS, so a `CONNECT` never reaches the handler
/// (axum answers `405`), whatever its origin.
#[tokio::test]
async fn connect_never_reaches_the_handler() {
    use tower::ServiceExt;

    let calls = Calls::new(&["chat", "public"]);
    let app = Router::new()
        .route("/chat", cors_routes![chat])
        .with_state(calls.clone());
    for origin in [EVIL, A] {
        let request = axum::http::Request::builder()
            .method("CONNECT")
            .uri("/chat")
            .header("origin", origin)
            .body(axum::body::Body::empty())
            .expect("a request");
        let response = app.clone().oneshot(request).await.expect("a response");
        assert_eq!(response.status(), 405, "from {origin}");
        assert_cors_vary(response.headers(), &[], &[]);
    }
    calls.assert_runs(&[]);
}
