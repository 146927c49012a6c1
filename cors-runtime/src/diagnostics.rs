//! One `tracing` event per refusal (target `cors`, level debug), naming the route, the
//! handler, the origin and the reason. Nothing is formatted unless the event is enabled.

use std::fmt;

use axum::extract::MatchedPath;
use cors_rules::entry::Entry;
use http::{HeaderValue, Request};

use crate::compiled::CompiledPolicy;
use crate::policy::{Allowed, AllowedOrigin, Names};
use cors_rules::request_headers::{ListError, MAX_EMPTY_ITEMS, MAX_REQUEST_HEADERS_BYTES};

/// Why a CORS request got no permission.
#[derive(Debug)]
pub(crate) enum Refusal<'a> {
    /// The origin is not in the policy (or came on several lines).
    Origin,
    /// A preflight named a method no handler of this path is routed on.
    Method(&'a [u8]),
    /// A preflight asked for request headers the policy does not allow.
    Headers(ListError<'a>),
    /// Strict mode: a state-changing cross-origin request from a disallowed origin.
    Strict,
    /// A WebSocket handshake from a disallowed origin (not the server's own).
    WebSocket,
}

/// Emits the refusal event for a request to a policy route.
pub(crate) fn refused<B>(
    request: &Request<B>,
    policy: Option<&CompiledPolicy>,
    refusal: Refusal<'_>,
) {
    tracing::debug!(
        target: "cors",
        route = request.extensions().get::<MatchedPath>().map(MatchedPath::as_str),
        handler = policy.map(|p| p.policy.handler),
        origin = %Lossy(request.headers().get(http::header::ORIGIN).map(HeaderValue::as_bytes)),
        reason = %Reason { refusal: &refusal, policy },
        "CORS request refused"
    );
}

struct Reason<'r, 'a> {
    refusal: &'r Refusal<'a>,
    policy: Option<&'r CompiledPolicy>,
}

impl fmt::Display for Reason<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.refusal, self.policy) {
            (Refusal::Origin, Some(p)) => match p.policy.origins {
                Some(list) => {
                    write!(f, "origin not in allowed origins {}", ListedOrigins(list))
                }
                None => write!(f, "origin refused"),
            },
            (Refusal::Origin, None) => write!(f, "origin refused"),
            (Refusal::Method(m), _) => write!(
                f,
                "method `{}` is not routed with a CORS policy on this path",
                Lossy(Some(m))
            ),
            (Refusal::WebSocket, _) => write!(
                f,
                "WebSocket handshake from an origin the policy does not allow (browsers apply no CORS to WebSockets; RFC 6455 section 10.2); the handler did not run"
            ),
            (Refusal::Strict, _) => write!(
                f,
                "strict mode: state-changing cross-origin request from a disallowed origin; the handler did not run"
            ),
            (Refusal::Headers(h), p) => match h {
                ListError::TooLarge(n) => write!(
                    f,
                    "Access-Control-Request-Headers is {n} bytes, over the {MAX_REQUEST_HEADERS_BYTES}-byte cap"
                ),
                ListError::TooManyEmptyItems => write!(
                    f,
                    "Access-Control-Request-Headers has more than {MAX_EMPTY_ITEMS} empty items"
                ),
                ListError::NotAToken(name) => {
                    write!(
                        f,
                        "requested header `{}` is not a valid name",
                        Lossy(Some(name))
                    )
                }
                ListError::NotAllowed(name) => {
                    write!(f, "header `{}` not in allowed headers ", Lossy(Some(name)))?;
                    match p.map(|p| p.policy.headers) {
                        Some(Names::List(names)) => write!(f, "{names:?}"),
                        Some(Names::Any | Names::AnyAndAuthorization) => {
                            write!(f, "\"*\" (which never covers authorization)")
                        }
                        _ => write!(f, "[]"),
                    }
                }
            },
        }
    }
}

/// Shows request bytes as text, escaping what is not printable ASCII.
struct Lossy<'a>(Option<&'a [u8]>);

impl fmt::Display for Lossy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            None => write!(f, "<none>"),
            Some(bytes) => write!(f, "{}", bytes.escape_ascii()),
        }
    }
}

/// `["https://a.example", env("NAME"), ...]`, as written in the attribute.
struct ListedOrigins(&'static [AllowedOrigin]);

impl fmt::Display for ListedOrigins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, origin) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            match origin.0 {
                Allowed::Checked(Entry::Exact(o)) => write!(f, "\"{o}\"")?,
                Allowed::Checked(Entry::Pattern(p)) => write!(f, "\"{p}\"")?,
                Allowed::Source(source) => write!(f, "{}", source.kind)?,
            }
        }
        f.write_str("]")
    }
}
