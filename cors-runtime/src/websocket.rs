//! WebSocket handshakes under the policy (README, "WebSockets"). Browsers apply no CORS to
//! WebSockets: any page may open a socket to any server, with the user's cookies. RFC
//! 6455 section 10.2 leaves the check to the server, through the handshake's `Origin`, so
//! the policy that says which origins may read this handler's responses also says which
//! may open a socket to it.

use axum::extract::Request;
use http::Method;
use http::header::UPGRADE;

use crate::origin::OriginVerdict;
use crate::strict::is_same_origin;

/// Whether this request is a WebSocket opening handshake (RFC 6455 section 4.1: a GET
/// whose `Upgrade` names `websocket`, in any case) from an origin the policy refuses and
/// that is not the request's own. HTTP/2 handshakes (RFC 8441) are extended CONNECT
/// requests, which `cors_routes!` never routes, so they do not reach the handler.
///
/// Inline: its first test (a refused origin) settles nearly every request without a call.
#[inline]
pub(crate) fn refuses(request: &Request, verdict: &OriginVerdict) -> bool {
    matches!(verdict, OriginVerdict::Refused)
        && request.method() == Method::GET
        && is_websocket_upgrade(request)
        && !is_same_origin(request)
}

/// `Upgrade: websocket` (the header is a comma-separated list of protocols).
fn is_websocket_upgrade(request: &Request) -> bool {
    request.headers().get_all(UPGRADE).iter().any(|line| {
        line.as_bytes()
            .split(|&b| b == b',')
            .any(|protocol| protocol.trim_ascii().eq_ignore_ascii_case(b"websocket"))
    })
}
