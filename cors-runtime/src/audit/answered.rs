//! What answered a path's audit probe when its policy did not: a layer outside the
//! policy, a route without `#[cors]`, no route at all.

use std::fmt;

use axum::response::Response;
use http::StatusCode;
use http::header::ALLOW;

/// What answered the audit's preflight for a path ([`RouteAudit::answered_by`](super::RouteAudit::answered_by)): the
/// path's policy, or, when it has none in force, what did instead, told apart by the
/// status and by the `Allow` header axum adds when the path's method router has no OPTIONS
/// endpoint. Its `Display` is the cause and the fix, as in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnsweredBy {
    /// The path's preflight endpoint (`cors_routes!`), with its policies: the path is
    /// fine.
    Policy,
    /// `404`: no route matched the path, most likely a typo or a missing `.nest` prefix.
    /// (Middleware that hides a route behind `404` reads the same.)
    NoRoute,
    /// The path is routed without `cors_routes!`: its method router has no OPTIONS
    /// endpoint, so axum answered `405` with `Allow` (or, through a layer on the route,
    /// the layer's status with `Allow`).
    #[non_exhaustive]
    NoCorsHandler {
        /// The status of the answer, `405 Method Not Allowed` unless a layer made it.
        status: StatusCode,
        /// The path's methods, from axum's `Allow` header (`GET, HEAD`), when present.
        allow: Option<String>,
    },
    /// An error status (`401`, `403`, `408`, `429`, `500`, ...) before the policy: a layer
    /// outside it (`Router::layer`, `Router::route_layer`, `.layer(..)` on the
    /// `cors_routes!` result) answered the preflight itself, so browsers get that answer,
    /// with no `Access-Control-*` header.
    #[non_exhaustive]
    OutsideLayer {
        /// Its status.
        status: StatusCode,
    },
    /// Another status without the policy's answer (`200`, `302`, ...): a handler routed
    /// on OPTIONS without `cors_routes!` (`any(..)`, `options(..)`, a fallback, which
    /// the audit then ran), or a layer outside the policy that answers OPTIONS (such as
    /// tower-http's `CorsLayer`).
    #[non_exhaustive]
    Other {
        /// Its status.
        status: StatusCode,
    },
}

impl AnsweredBy {
    /// Classifies an answer that does not carry the path's table.
    pub(super) fn of(response: &Response) -> AnsweredBy {
        let status = response.status();
        // axum's method router adds `Allow` to what its fallback answers, and only then:
        // the path is routed, with no OPTIONS endpoint, whatever layer made the status.
        let allow = response.headers().get(ALLOW).map(|value| {
            String::from_utf8_lossy(value.as_bytes())
                .split(',')
                .map(str::trim)
                .filter(|method| !method.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        });
        match (status, allow) {
            (_, Some(allow)) if !allow.is_empty() => AnsweredBy::NoCorsHandler {
                status,
                allow: Some(allow),
            },
            (StatusCode::METHOD_NOT_ALLOWED, _) => AnsweredBy::NoCorsHandler {
                status,
                allow: None,
            },
            (StatusCode::NOT_FOUND, _) => AnsweredBy::NoRoute,
            _ if status.is_client_error() || status.is_server_error() => {
                AnsweredBy::OutsideLayer { status }
            }
            _ => AnsweredBy::Other { status },
        }
    }
}

/// `401 Unauthorized`, or the bare code when it has no standard reason.
struct Status(StatusCode);

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.canonical_reason() {
            Some(reason) => write!(f, "`{} {reason}`", self.0.as_u16()),
            None => write!(f, "`{}`", self.0.as_u16()),
        }
    }
}

impl fmt::Display for AnsweredBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnsweredBy::Policy => write!(f, "the path's CORS policy"),
            AnsweredBy::NoRoute => write!(
                f,
                "no route at this path (`404 Not Found`): check the path, with its `.nest` prefix"
            ),
            AnsweredBy::NoCorsHandler { status, allow } => {
                write!(f, "no `#[cors]` handler on this path (")?;
                if let Some(allow) = allow {
                    write!(f, "routed for {allow}; ")?;
                }
                write!(
                    f,
                    "OPTIONS got {}): mount its handlers with `cors_routes![..]` if browsers call it from another origin",
                    Status(*status)
                )
            }
            AnsweredBy::OutsideLayer { status } => write!(
                f,
                "a layer outside the policy answered this path's preflight with {}: move it into `cors_routes![..; layers = [..]]`, or let preflights pass with `cors_runtime::is_preflight`",
                Status(*status)
            ),
            AnsweredBy::Other { status } => write!(
                f,
                "something other than a `#[cors]` policy answered this path's preflight with {} (a handler on OPTIONS: `any(..)`, `options(..)`, a fallback; or a layer outside the policy, such as tower-http's `CorsLayer`): mount the path with `cors_routes![..]` and keep such layers off it",
                Status(*status)
            ),
        }
    }
}
