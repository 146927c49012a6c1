//! Benchmarks of `#[cors]` (cors-runtime) against tower-http's `CorsLayer` and against
//! the same route with no CORS at all.
//!
//! This library holds what the benchmarks (`benches/cors.rs`), the allocation test
//! (`tests/allocations.rs`) and the load server (`src/bin/load_server.rs`) share: the
//! three servers with one policy, the requests, the floor + headers routes, the generated
//! 1/10/100/1,000-origin handlers, the adversarial preflights and the live origin sets
//! ([`live_origins`]). See `BENCHMARKS.md` at the repository root for how to run
//! everything and what was measured.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::routing::get;
use cors_runtime::{cors, cors_routes};
use http::header::{
    ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, CONTENT_TYPE, ORIGIN,
};
use http::{HeaderName, HeaderValue, Method, Request, StatusCode};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The path every server routes.
pub const PATH: &str = "/users";

/// The body every handler answers.
pub const BODY: &str = "hello";

/// The origins of the shared policy, as written.
pub const ORIGINS: &[&str] = &["https://admin.example.com", "https://app.example.com"];

/// The allowed origin the requests send: last in [`ORIGINS`] as written and as sorted.
pub const ALLOWED_ORIGIN: &str = "https://app.example.com";

/// An origin the policy does not allow.
pub const DISALLOWED_ORIGIN: &str = "https://evil.example.com";

/// `Access-Control-Request-Headers` of the allowed preflight.
pub const REQUESTED_HEADERS: &str = "content-type, x-request-id";

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The shared policy, as `#[cors]`.
#[cors(
    origins = ["https://admin.example.com", "https://app.example.com"],
    methods = [GET],
    headers = ["content-type", "x-request-id"],
    expose = ["x-request-id"],
    credentials,
    max_age = 600,
)]
pub async fn users() -> &'static str {
    BODY
}

/// The three servers compared, each with the same route and (where it has one) the same
/// policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    /// `#[cors]` + `cors_routes!`.
    Ours,
    /// `get(users::handler).layer(CorsLayer)` with the same origins, methods, headers, expose,
    /// credentials and max-age.
    TowerHttp,
    /// `get(users::handler)`: no CORS at all, the floor.
    NoCors,
}

impl Server {
    /// All three, in the order the reports list them.
    pub const ALL: [Server; 3] = [Server::Ours, Server::TowerHttp, Server::NoCors];

    /// Short name used in benchmark ids and reports.
    pub fn name(self) -> &'static str {
        match self {
            Server::Ours => "ours",
            Server::TowerHttp => "tower_http",
            Server::NoCors => "no_cors",
        }
    }

    /// The server's router.
    pub fn router(self) -> Router {
        match self {
            Server::Ours => Router::new().route(PATH, cors_routes![users]),
            Server::TowerHttp => {
                Router::new().route(PATH, get(users::handler).layer(tower_http_layer(ORIGINS)))
            }
            Server::NoCors => Router::new().route(PATH, get(users::handler)),
        }
    }
}

/// tower-http's `CorsLayer` configured like the `#[cors]` policies of this crate
/// (`methods = [GET]` routes HEAD too, and the preflight allows both).
pub fn tower_http_layer(origins: &'static [&'static str]) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(
            origins.iter().map(|o| HeaderValue::from_static(o)),
        ))
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([CONTENT_TYPE, X_REQUEST_ID])
        .expose_headers([X_REQUEST_ID])
        .allow_credentials(true)
        .max_age(Duration::from_secs(600))
}

/// The five requests of the side-by-side comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `OPTIONS` from an allowed origin, asking for GET and two allowed headers.
    AllowedPreflight,
    /// The same preflight from an origin the policy does not allow.
    RefusedPreflight,
    /// `GET` from an allowed origin.
    AllowedActual,
    /// `GET` from an origin the policy does not allow.
    DisallowedActual,
    /// `GET` without `Origin`: not a CORS request.
    NoOrigin,
}

impl Case {
    /// All five, in the order the reports list them.
    pub const ALL: [Case; 5] = [
        Case::AllowedPreflight,
        Case::RefusedPreflight,
        Case::AllowedActual,
        Case::DisallowedActual,
        Case::NoOrigin,
    ];

    /// Short name used in benchmark ids and reports.
    pub fn name(self) -> &'static str {
        match self {
            Case::AllowedPreflight => "allowed_preflight",
            Case::RefusedPreflight => "refused_preflight",
            Case::AllowedActual => "allowed_actual",
            Case::DisallowedActual => "disallowed_actual",
            Case::NoOrigin => "no_origin",
        }
    }

    /// A fresh request for this case.
    pub fn request(self) -> Request<Body> {
        match self {
            Case::AllowedPreflight => preflight(ALLOWED_ORIGIN, REQUESTED_HEADERS),
            Case::RefusedPreflight => preflight(DISALLOWED_ORIGIN, REQUESTED_HEADERS),
            Case::AllowedActual => actual(Some(ALLOWED_ORIGIN)),
            Case::DisallowedActual => actual(Some(DISALLOWED_ORIGIN)),
            Case::NoOrigin => actual(None),
        }
    }

    /// Whether the request is a preflight (`OPTIONS`).
    pub fn is_preflight(self) -> bool {
        matches!(self, Case::AllowedPreflight | Case::RefusedPreflight)
    }

    /// The status `server` answers this request with.
    pub fn status(self, server: Server) -> StatusCode {
        match (self, server) {
            (Case::AllowedPreflight, Server::Ours) => StatusCode::NO_CONTENT,
            (Case::RefusedPreflight, Server::Ours) => StatusCode::FORBIDDEN,
            // tower-http answers every preflight `200`, leaving the check to the browser.
            (_, Server::TowerHttp) => StatusCode::OK,
            // No OPTIONS route: axum's `405`.
            (_, Server::NoCors) if self.is_preflight() => StatusCode::METHOD_NOT_ALLOWED,
            _ => StatusCode::OK,
        }
    }
}

pub mod floor_headers;
pub mod interleaved;
pub mod live_origins;

/// What the interleaved bench and the instruction count compare for each request: the
/// three servers and the floor + headers route of that request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// `#[cors]` + `cors_routes!`.
    Ours,
    /// [`floor_headers::router`] for the request.
    FloorHeaders,
    /// tower-http's `CorsLayer`.
    TowerHttp,
    /// No CORS at all.
    NoCors,
}

impl Variant {
    /// All four, ours first: the ratios are ours / each other one.
    pub const ALL: [Variant; 4] = [
        Variant::Ours,
        Variant::FloorHeaders,
        Variant::TowerHttp,
        Variant::NoCors,
    ];

    /// Short name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Variant::FloorHeaders => "floor_headers",
            other => other.answers_as().name(),
        }
    }

    /// The server whose answers this variant gives (floor + headers answers as ours).
    pub fn answers_as(self) -> Server {
        match self {
            Variant::Ours | Variant::FloorHeaders => Server::Ours,
            Variant::TowerHttp => Server::TowerHttp,
            Variant::NoCors => Server::NoCors,
        }
    }

    /// The router answering `case`.
    pub fn router(self, case: Case) -> Router {
        match self {
            Variant::FloorHeaders => floor_headers::router(case),
            other => other.answers_as().router(),
        }
    }
}

/// The single-threaded runtime every benchmark drives its requests on.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// One request through a clone of `router` (what axum does per connection), answered
/// in full: status and headers.
pub async fn send(router: &Router, request: Request<Body>) -> http::Response<Body> {
    match tower::ServiceExt::oneshot(router.clone(), request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// `GET /users`, with `Origin: origin` when given.
pub fn actual(origin: Option<&'static str>) -> Request<Body> {
    let mut request = Request::get(PATH);
    if let Some(origin) = origin {
        request = request.header(ORIGIN, HeaderValue::from_static(origin));
    }
    request.body(Body::empty()).expect("valid request")
}

/// A preflight for GET from `origin` asking for `headers`.
pub fn preflight(origin: &'static str, headers: &'static str) -> Request<Body> {
    preflight_with(origin, HeaderValue::from_static(headers))
}

/// A preflight for GET from `origin` with any `Access-Control-Request-Headers` value.
pub fn preflight_with(origin: &'static str, headers: HeaderValue) -> Request<Body> {
    Request::options(PATH)
        .header(ORIGIN, HeaderValue::from_static(origin))
        .header(
            ACCESS_CONTROL_REQUEST_METHOD,
            HeaderValue::from_static("GET"),
        )
        .header(ACCESS_CONTROL_REQUEST_HEADERS, headers)
        .body(Body::empty())
        .expect("valid request")
}

/// The same policy with 1, 10, 100 and 1,000 allowed origins, for `#[cors]` and for
/// tower-http. The requests send the last origin, which is last both as written (the
/// order tower-http scans) and as sorted (the order `#[cors]` searches).
pub mod scaling {
    use super::*;

    include!(concat!(env!("OUT_DIR"), "/origins.rs"));

    /// The list sizes measured; keep in sync with `build.rs`.
    pub const SIZES: [usize; 4] = [1, 10, 100, 1000];

    /// The `n` origins as written.
    pub fn origins(n: usize) -> &'static [&'static str] {
        match n {
            1 => ORIGINS_1,
            10 => ORIGINS_10,
            100 => ORIGINS_100,
            1000 => ORIGINS_1000,
            _ => panic!("no generated policy with {n} origins"),
        }
    }

    /// The origin the scaling requests send: the last of the `n`.
    pub fn request_origin(n: usize) -> &'static str {
        let origins = origins(n);
        let last = origins[origins.len() - 1];
        assert_eq!(
            origins.iter().max(),
            Some(&last),
            "last written is last sorted"
        );
        last
    }

    /// `#[cors]` with `n` origins.
    pub fn ours(n: usize) -> Router {
        let routes = match n {
            1 => cors_routes![origins_1],
            10 => cors_routes![origins_10],
            100 => cors_routes![origins_100],
            1000 => cors_routes![origins_1000],
            _ => panic!("no generated policy with {n} origins"),
        };
        Router::new().route(PATH, routes)
    }

    /// tower-http with the same `n` origins.
    pub fn tower_http(n: usize) -> Router {
        Router::new().route(
            PATH,
            get(users::handler).layer(tower_http_layer(origins(n))),
        )
    }
}

/// Hostile preflights: `Access-Control-Request-Headers` values built to be expensive.
pub mod adversarial {
    use http::HeaderValue;

    /// 1 MiB of commas.
    pub fn commas_1mib() -> HeaderValue {
        HeaderValue::from_bytes(&vec![b','; 1 << 20]).expect("commas are valid header bytes")
    }

    /// 10,000 distinct, valid, unlisted names (`x-h0, x-h1, ...`), about 77 KiB.
    pub fn distinct_names_10k() -> HeaderValue {
        let names: Vec<String> = (0..10_000).map(|i| format!("x-h{i}")).collect();
        HeaderValue::from_str(&names.join(", ")).expect("valid header bytes")
    }

    /// Allowed names repeated up to just under cors-runtime's size cap: the longest list
    /// `#[cors]` reads to the end (and accepts).
    pub fn allowed_names_at_cap() -> HeaderValue {
        let item = "content-type, x-request-id, ";
        let cap = cors_rules::request_headers::MAX_REQUEST_HEADERS_BYTES;
        let mut value = item.repeat(cap / item.len());
        value.truncate(value.trim_end_matches([',', ' ']).len());
        assert!(value.len() <= cap);
        HeaderValue::from_str(&value).expect("valid header bytes")
    }
}

/// Serves `router` on `listener` until `deadline` passes.
pub async fn serve_for(listener: tokio::net::TcpListener, router: Router, deadline: Duration) {
    let shutdown = tokio::time::sleep(deadline);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
        .expect("serve");
}
