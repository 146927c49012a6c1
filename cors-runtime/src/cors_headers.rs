//! The `Access-Control-*` response headers the runtime owns.

use http::{
    HeaderMap, HeaderName, HeaderValue,
    header::{
        ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS,
        ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
        ACCESS_CONTROL_MAX_AGE,
    },
};

/// `Access-Control-Allow-Private-Network` (Private Network Access draft; no constant in `http`).
pub(crate) const ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");

/// `Access-Control-Request-Private-Network`.
pub(crate) const ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-request-private-network");

/// `*`, the any-origin answer.
pub(crate) const ANY: HeaderValue = HeaderValue::from_static("*");

/// `true`, for the credentials and private-network flags.
pub(crate) const TRUE: HeaderValue = HeaderValue::from_static("true");

/// Whether `name` may be a CORS response header (`Access-Control-*`): the test of the
/// one pass over a handler's header names in `actual::apply`.
pub(crate) fn is_cors_header(name: &HeaderName) -> bool {
    name.as_str().starts_with("access-control-")
}

/// Removes every CORS response header a handler set itself: on a policy route the policy
/// alone decides them, so each is sent once, and preflight-only ones never belong on an
/// actual response (Fetch, CORS protocol, "HTTP responses"). Called only when [`is_cors_header`] found one: the common case
/// removes nothing.
pub(crate) fn remove_handler_cors_headers(headers: &mut HeaderMap) {
    for name in [
        ACCESS_CONTROL_ALLOW_ORIGIN,
        ACCESS_CONTROL_ALLOW_CREDENTIALS,
        ACCESS_CONTROL_EXPOSE_HEADERS,
        ACCESS_CONTROL_ALLOW_METHODS,
        ACCESS_CONTROL_ALLOW_HEADERS,
        ACCESS_CONTROL_MAX_AGE,
        ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK,
    ] {
        headers.remove(name);
    }
}
