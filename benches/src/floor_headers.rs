//! The *floor + headers*: for each request, a route that answers it with exactly the
//! response `#[cors]` gives (same status, same body, the same header lines in the same
//! order) from `const` values, with no decision at all. What any correct CORS
//! implementation costs at least: the route without CORS plus writing the headers the
//! Fetch standard asks for. `tests/floor_headers.rs` checks the responses are the same.

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, options};
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, VARY,
};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use super::{ALLOWED_ORIGIN, BODY, Case, PATH};

const VARY_ORIGIN: HeaderValue = HeaderValue::from_static("Origin");
const VARY_PREFLIGHT: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);
const ORIGIN: HeaderValue = HeaderValue::from_static(ALLOWED_ORIGIN);
const TRUE: HeaderValue = HeaderValue::from_static("true");

/// The answer to an allowed actual `GET`: the handler's, plus four lines.
const ALLOWED_ACTUAL: [(HeaderName, HeaderValue); 4] = [
    (VARY, VARY_ORIGIN),
    (ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN),
    (ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE),
    (
        ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("x-request-id"),
    ),
];

/// The answer to any other actual `GET` (refused or no `Origin`): `Vary: Origin` only.
const OTHER_ACTUAL: [(HeaderName, HeaderValue); 1] = [(VARY, VARY_ORIGIN)];

/// The `204` answer to the allowed preflight.
const ALLOWED_PREFLIGHT: [(HeaderName, HeaderValue); 6] = [
    (VARY, VARY_PREFLIGHT),
    (ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN),
    (
        ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, HEAD"),
    ),
    (
        ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type, x-request-id"),
    ),
    (ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE),
    (ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600")),
];

/// The `403` answer to a refused preflight.
const REFUSED_PREFLIGHT: [(HeaderName, HeaderValue); 1] = [(VARY, VARY_PREFLIGHT)];

/// `response` with `lines` appended, as a handler would write them.
fn with<const N: usize>(mut response: Response, lines: [(HeaderName, HeaderValue); N]) -> Response {
    let headers = response.headers_mut();
    for (name, value) in lines {
        headers.append(name, value);
    }
    response
}

async fn allowed_actual() -> Response {
    with(BODY.into_response(), ALLOWED_ACTUAL)
}

async fn other_actual() -> Response {
    with(BODY.into_response(), OTHER_ACTUAL)
}

async fn allowed_preflight() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    // Presized (room for axum's `content-length` too), so the floor pays no growth
    // of the map: ours clones a ready map of exactly its lines, which never grows.
    *response.headers_mut() = HeaderMap::with_capacity(8);
    with(response, ALLOWED_PREFLIGHT)
}

async fn refused_preflight() -> Response {
    with(StatusCode::FORBIDDEN.into_response(), REFUSED_PREFLIGHT)
}

/// The floor + headers route for `case`: `GET` or `OPTIONS` on [`PATH`], answering
/// what `#[cors]` answers to `case.request()`.
pub fn router(case: Case) -> Router {
    let route = match case {
        Case::AllowedActual => get(allowed_actual),
        Case::DisallowedActual | Case::NoOrigin => get(other_actual),
        Case::AllowedPreflight => options(allowed_preflight),
        Case::RefusedPreflight => options(refused_preflight),
    };
    Router::new().route(PATH, route)
}
