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

/// Removes every CORS response header a handler set itself: on a policy route the policy
/// alone decides them (DESIGN 3.10), and preflight-only ones never belong on an actual
/// response (DESIGN 3.5).
pub(crate) fn remove_handler_cors_headers(headers: &mut HeaderMap) {
    let owned = [
        ACCESS_CONTROL_ALLOW_ORIGIN,
        ACCESS_CONTROL_ALLOW_CREDENTIALS,
        ACCESS_CONTROL_EXPOSE_HEADERS,
        ACCESS_CONTROL_ALLOW_METHODS,
        ACCESS_CONTROL_ALLOW_HEADERS,
        ACCESS_CONTROL_MAX_AGE,
        ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK,
    ];
    // One pass over the handler's (few) names first: the common case removes nothing.
    if headers
        .keys()
        .any(|name| name.as_str().starts_with("access-control-"))
    {
        for name in owned {
            headers.remove(name);
        }
    }
}
