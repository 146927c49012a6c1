//! Origin patterns (README, "Origin patterns") through a real `axum::Router`:
//! `https://*.domain` matches any subdomain at label boundaries, at any depth, never the
//! bare domain; `http://localhost:*` (and `127.0.0.1`, `[::1]`) matches any port of that
//! loopback host, the default one included. Every allowed origin is echoed byte for byte,
//! on the preflight and on the actual response; every other one gets a refused preflight
//! and an actual response without CORS headers. `Vary: Origin` is always there.

mod support;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use cors_runtime::{cors, cors_routes};

use support::{ACAC, ACAH, ACAM, ACAO};
use support::{
    Calls, PREFLIGHT_VARY, actual, assert_cors, assert_refused_preflight, body, preflight, send,
    vary,
};

#[cors(origins = ["https://*.example.com"], methods = [GET, PUT], headers = ["x-token"])]
async fn subdomains(State(calls): State<Calls>) -> &'static str {
    calls.hit("subdomains");
    "subdomains"
}

#[cors(origins = ["https://*.example.com:8443"], methods = [GET, PUT], headers = ["x-token"])]
async fn subdomains_on_port(State(calls): State<Calls>) -> &'static str {
    calls.hit("subdomains_on_port");
    "subdomains on port"
}

#[cors(
    origins = ["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"],
    methods = [GET, PUT],
    headers = ["x-token"]
)]
async fn any_port(State(calls): State<Calls>) -> &'static str {
    calls.hit("any_port");
    "any port"
}

#[cors(
    origins = [
        "https://a.example",
        "https://*.tenant.io",
        "http://localhost:*",
        "https://b.example:8443",
    ],
    methods = [GET, PUT],
    headers = ["x-token"],
    credentials
)]
async fn mixed(State(calls): State<Calls>) -> &'static str {
    calls.hit("mixed");
    "mixed"
}

/// `https://host-0000.example.org` to `https://host-0999.example.org`.
/// Names under `localhost` are loopback (RFC 6761): a port wildcard is allowed on them,
/// and `credentials` over plain `http://` needs no opt-in.
#[cors(
    origins = ["http://app.localhost:*", "http://*.dev.localhost:5173"],
    methods = [GET, PUT],
    headers = ["x-token"],
    credentials
)]
async fn localhost_names(State(calls): State<Calls>) -> &'static str {
    calls.hit("localhost_names");
    "localhost names"
}

fn thousand_origins() -> Vec<String> {
    (0..1000)
        .map(|i| format!("https://host-{i:04}.example.org"))
        .collect()
}

// The exact origins come from a function so the file stays readable: a `from_fn` list
// and literals go through the same checks and the same origin set (`startup::resolve`).
#[cors(
    origins = [from_fn(thousand_origins), "https://*.example.com", "http://localhost:*"],
    methods = [GET, PUT],
    headers = ["x-token"]
)]
async fn thousand(State(calls): State<Calls>) -> &'static str {
    calls.hit("thousand");
    "thousand"
}

const HANDLERS: &[&str] = &[
    "subdomains",
    "subdomains_on_port",
    "any_port",
    "mixed",
    "thousand",
    "localhost_names",
];

fn app() -> (Router, Calls) {
    let calls = Calls::new(HANDLERS);
    let app = Router::new()
        .route("/subdomains", cors_routes![subdomains])
        .route("/subdomains-on-port", cors_routes![subdomains_on_port])
        .route("/any-port", cors_routes![any_port])
        .route("/mixed", cors_routes![mixed])
        .route("/thousand", cors_routes![thousand])
        .route("/localhost-names", cors_routes![localhost_names])
        .with_state(calls.clone());
    (app, calls)
}

/// One route of [`app`]: its path, its handler and the CORS headers it adds besides the
/// echoed origin.
struct Route {
    path: &'static str,
    handler: &'static str,
    credentials: bool,
}

const SUBDOMAINS: Route = Route {
    path: "/subdomains",
    handler: "subdomains",
    credentials: false,
};
const SUBDOMAINS_ON_PORT: Route = Route {
    path: "/subdomains-on-port",
    handler: "subdomains_on_port",
    credentials: false,
};
const ANY_PORT: Route = Route {
    path: "/any-port",
    handler: "any_port",
    credentials: false,
};
const MIXED: Route = Route {
    path: "/mixed",
    handler: "mixed",
    credentials: true,
};
const LOCALHOST_NAMES: Route = Route {
    path: "/localhost-names",
    handler: "localhost_names",
    credentials: true,
};
const THOUSAND: Route = Route {
    path: "/thousand",
    handler: "thousand",
    credentials: false,
};

/// `origin` is allowed on `route`: the preflight for `PUT` with `x-token` succeeds and the
/// actual `GET` carries the origin, both echoing it byte for byte, with `Vary`.
async fn assert_allowed(app: &Router, calls: &Calls, route: &Route, origin: &str) {
    let before = calls.count(route.handler);

    let response = send(app, preflight(route.path, origin, "PUT", Some("x-token"))).await;
    assert_eq!(
        response.status(),
        StatusCode::NO_CONTENT,
        "preflight from {origin} to {}",
        route.path
    );
    let mut expected = vec![(ACAO, origin), (ACAM, "GET, HEAD, PUT"), (ACAH, "x-token")];
    if route.credentials {
        expected.push((ACAC, "true"));
    }
    assert_cors(response.headers(), &expected);
    assert_eq!(vary(response.headers()), [PREFLIGHT_VARY], "{origin}");
    assert!(body(response).await.is_empty());
    assert_eq!(
        calls.count(route.handler),
        before,
        "no handler runs for a preflight"
    );

    let response = send(app, actual("GET", route.path, Some(origin))).await;
    assert_eq!(response.status(), StatusCode::OK, "{origin}");
    let mut expected = vec![(ACAO, origin)];
    if route.credentials {
        expected.push((ACAC, "true"));
    }
    assert_cors(response.headers(), &expected);
    assert_eq!(vary(response.headers()), ["Origin"], "{origin}");
    assert_eq!(calls.count(route.handler), before + 1, "{origin}");
}

/// `origin` is not allowed on `route`: the preflight is refused, the actual `GET` runs the
/// handler and gets no CORS header, only `Vary: Origin`.
async fn assert_refused(app: &Router, calls: &Calls, route: &Route, origin: &str) {
    let before = calls.count(route.handler);

    let response = send(app, preflight(route.path, origin, "PUT", Some("x-token"))).await;
    assert_eq!(
        response.status(),
        StatusCode::FORBIDDEN,
        "preflight from {origin:?} to {}",
        route.path
    );
    assert_refused_preflight(response).await;

    let response = send(app, actual("GET", route.path, Some(origin))).await;
    assert_eq!(response.status(), StatusCode::OK, "{origin:?}");
    assert_cors(response.headers(), &[]);
    assert_eq!(vary(response.headers()), ["Origin"], "{origin:?}");
    assert_eq!(
        calls.count(route.handler),
        before + 1,
        "an actual request always reaches the handler: {origin:?}"
    );
}

// `https://*.example.com`

#[tokio::test]
async fn subdomain_pattern_matches_subdomains_at_any_depth_and_echoes_them() {
    let (app, calls) = app();
    for origin in [
        "https://a.example.com",
        "https://www.example.com",
        "https://a.b.example.com",
        "https://x.y.z.w.example.com",
        "https://a-b.example.com",
        "https://1.example.com",
        "https://xn--bcher-kva.example.com",
        "https://a.example.example.com",
    ] {
        assert_allowed(&app, &calls, &SUBDOMAINS, origin).await;
    }
}

#[tokio::test]
async fn subdomain_pattern_never_matches_the_bare_domain_or_a_look_alike() {
    let (app, calls) = app();
    for origin in [
        // The bare domain: `*.` needs at least one label.
        "https://example.com",
        // Not at a label boundary.
        "https://aexample.com",
        "https://a-example.com",
        // The pattern's domain followed by another one.
        "https://a.example.com.evil.net",
        "https://example.com.evil.net",
        "https://a.example.com.",
        "https://a.example.co",
        // Wrong scheme.
        "http://a.example.com",
        "wss://a.example.com",
        // A port, or the default port spelt out (browsers never send it).
        "https://a.example.com:8443",
        "https://a.example.com:443",
        // Upper case: browsers send origins in lower case.
        "https://A.example.com",
        "https://a.Example.com",
        "HTTPS://a.example.com",
        // Empty labels.
        "https://.example.com",
        "https://a..example.com",
        // The pattern itself, and other bytes an origin never has.
        "https://*.example.com",
        "https://a.example.com/",
        "https://user@a.example.com",
        "https://evil.net/.example.com",
        "https://evil.net?.example.com",
        "https://evil.net#.example.com",
        "https://a.example.com, https://b.example.com",
        "null",
        "",
    ] {
        assert_refused(&app, &calls, &SUBDOMAINS, origin).await;
    }
}

#[tokio::test]
async fn subdomain_pattern_with_a_port_matches_only_that_port() {
    let (app, calls) = app();
    for origin in ["https://a.example.com:8443", "https://a.b.example.com:8443"] {
        assert_allowed(&app, &calls, &SUBDOMAINS_ON_PORT, origin).await;
    }
    for origin in [
        "https://example.com:8443",
        "https://a.example.com",
        "https://a.example.com:443",
        "https://a.example.com:8444",
        "https://a.example.com:08443",
        "https://a.example.com:8443/",
        "http://a.example.com:8443",
    ] {
        assert_refused(&app, &calls, &SUBDOMAINS_ON_PORT, origin).await;
    }
}

// `http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`

#[tokio::test]
async fn port_wildcard_matches_any_port_of_its_loopback_host_and_the_default_one() {
    let (app, calls) = app();
    for origin in [
        "http://localhost:1",
        "http://localhost:3000",
        "http://localhost:5173",
        "http://localhost:65535",
        "http://localhost",
        "http://127.0.0.1:8080",
        "http://127.0.0.1",
        "http://[::1]:3000",
        "http://[::1]",
    ] {
        assert_allowed(&app, &calls, &ANY_PORT, origin).await;
    }
}

#[tokio::test]
async fn names_under_localhost_are_loopback() {
    let (app, calls) = app();
    for origin in [
        "http://app.localhost:3000",
        "http://app.localhost",
        "http://api.dev.localhost:5173",
        "http://a.b.dev.localhost:5173",
    ] {
        assert_allowed(&app, &calls, &LOCALHOST_NAMES, origin).await;
    }
    for origin in [
        "http://other.localhost:3000",
        "https://app.localhost:3000",
        "http://app.localhost.evil.example:3000",
        "http://dev.localhost:5173",
        "http://api.dev.localhost:5174",
    ] {
        assert_refused(&app, &calls, &LOCALHOST_NAMES, origin).await;
    }
}

#[tokio::test]
async fn port_wildcard_never_matches_another_host_or_a_malformed_port() {
    let (app, calls) = app();
    for origin in [
        // Other hosts that merely start or end like a loopback one.
        "http://localhost.evil.com:3000",
        "http://localhost.evil.com",
        "http://evil.localhost:3000",
        "http://127.0.0.1.evil.com:3000",
        "http://127.0.0.2:3000",
        "http://[::2]:3000",
        "http://[0:0:0:0:0:0:0:1]:3000",
        "http://LOCALHOST:3000",
        // Ports a browser never serializes.
        "http://localhost:0",
        "http://localhost:00",
        "http://localhost:03000",
        "http://localhost:65536",
        "http://localhost:99999",
        "http://localhost:80",
        "http://localhost:",
        "http://localhost:+3000",
        "http://localhost:3000:3000",
        "http://localhost:*",
        // Trailing slash, path, wrong scheme.
        "http://localhost:3000/",
        "http://localhost/",
        "http://localhost:3000/app",
        "https://localhost:3000",
    ] {
        assert_refused(&app, &calls, &ANY_PORT, origin).await;
    }
}

// Exact origins and patterns in one list.

#[tokio::test]
async fn mixed_list_allows_each_exact_origin_and_each_pattern() {
    let (app, calls) = app();
    for origin in [
        "https://a.example",
        "https://b.example:8443",
        "https://eu.tenant.io",
        "https://acme.eu.tenant.io",
        "http://localhost:5173",
        "http://localhost",
    ] {
        assert_allowed(&app, &calls, &MIXED, origin).await;
    }
    for origin in [
        // Exact entries stay exact.
        "https://a.example:8443",
        "https://x.a.example",
        "https://b.example",
        "https://b.example:8444",
        "https://a.example.evil.com",
        // Patterns stay patterns.
        "https://tenant.io",
        "https://eu.tenant.io:8443",
        "https://eutenant.io",
        "http://127.0.0.1:5173",
        "https://evil.example",
    ] {
        assert_refused(&app, &calls, &MIXED, origin).await;
    }
}

#[tokio::test]
async fn thousand_exact_origins_and_patterns_still_match_the_last_one() {
    let (app, calls) = app();
    for origin in [
        "https://host-0999.example.org",
        "https://host-0000.example.org",
        "https://host-0500.example.org",
        "https://deep.sub.example.com",
        "http://localhost:4321",
    ] {
        assert_allowed(&app, &calls, &THOUSAND, origin).await;
    }
    for origin in [
        "https://host-1000.example.org",
        "https://host-999.example.org",
        "https://host-0999.example.org.evil.net",
        "https://x.host-0999.example.org",
        "https://example.org",
    ] {
        assert_refused(&app, &calls, &THOUSAND, origin).await;
    }
}

// `Vary: Origin` also without an `Origin`.

#[tokio::test]
async fn pattern_routes_vary_on_origin_even_without_one() {
    let (app, calls) = app();
    for route in [SUBDOMAINS, SUBDOMAINS_ON_PORT, ANY_PORT, MIXED, THOUSAND] {
        let response = send(&app, actual("GET", route.path, None)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_cors(response.headers(), &[]);
        assert_eq!(vary(response.headers()), ["Origin"], "{}", route.path);
        assert_eq!(calls.count(route.handler), 1);
    }
}
