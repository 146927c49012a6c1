//! Strict mode (DESIGN 3.9) through a real `axum::Router`: a state-changing cross-origin
//! request from an origin the policy does not allow gets `403` before the handler runs.
//!
//! The reading is Go 1.25's `net/http.CrossOriginProtection`: safe methods always pass;
//! then `Sec-Fetch-Site` decides when the browser sent it (`same-origin` and `none`
//! pass, anything else needs an allowed origin); without it, an `Origin` naming the
//! request's own `Host` passes, another `Origin` needs to be allowed, and a request with
//! neither (curl, a server) passes.

mod support;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use cors_runtime::{cors, cors_routes};

use support::{A, Calls, EVIL, actual, assert_cors, body, preflight, request, send, serve, vary};
use support::{ACAM, ACAO};

#[cors(origins = ["https://a.example"], methods = [POST, PUT, DELETE, PATCH], strict)]
async fn write(State(calls): State<Calls>) -> &'static str {
    calls.hit("write");
    "written"
}

#[cors(origins = ["https://a.example"], methods = [GET], strict)]
async fn read(State(calls): State<Calls>) -> &'static str {
    calls.hit("read");
    "read"
}

#[cors(origins = ["https://a.example"], methods = [POST, PUT, DELETE, PATCH])]
async fn lax(State(calls): State<Calls>) -> &'static str {
    calls.hit("lax");
    "lax"
}

fn app() -> (Router, Calls) {
    let calls = Calls::new(&["write", "read", "lax"]);
    let app = Router::new()
        .route("/write", cors_routes![write])
        .route("/read", cors_routes![read])
        .route("/lax", cors_routes![lax])
        .with_state(calls.clone());
    (app, calls)
}

const WRITES: [&str; 4] = ["POST", "PUT", "DELETE", "PATCH"];

/// The strict refusal: `403`, empty body, no `Access-Control-*` header, `Vary: Origin`.
async fn assert_strict_refusal(response: Response, what: &str) {
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "{what}");
    assert_cors(response.headers(), &[]);
    assert_eq!(vary(response.headers()), ["Origin"], "{what}");
    assert!(body(response).await.is_empty(), "{what}: no body");
}

/// The handler ran and answered; `cors` are the CORS headers expected on the answer.
async fn assert_passed(response: Response, cors: &[(&str, &str)], what: &str) {
    assert_eq!(response.status(), StatusCode::OK, "{what}");
    assert_cors(response.headers(), cors);
    assert_eq!(vary(response.headers()), ["Origin"], "{what}");
    assert!(
        !body(response).await.is_empty(),
        "{what}: the handler's body"
    );
}

#[tokio::test]
async fn cross_origin_writes_from_a_disallowed_origin_are_refused_before_the_handler() {
    let (app, calls) = app();
    for method in WRITES {
        for headers in [
            vec![("origin", EVIL)],
            vec![("origin", EVIL), ("sec-fetch-site", "cross-site")],
            vec![
                ("origin", "https://x.a.example"),
                ("sec-fetch-site", "same-site"),
            ],
            vec![("origin", "null"), ("sec-fetch-site", "cross-site")],
            vec![("origin", "null")],
        ] {
            let response = send(&app, request(method, "/write", &headers)).await;
            assert_strict_refusal(response, &format!("{method} {headers:?}")).await;
        }
    }
    assert_eq!(calls.count("write"), 0, "the handler never ran");
}

#[tokio::test]
async fn cross_origin_writes_from_an_allowed_origin_run_the_handler_with_cors_headers() {
    let (app, calls) = app();
    for method in WRITES {
        for headers in [
            vec![("origin", A)],
            vec![("origin", A), ("sec-fetch-site", "cross-site")],
        ] {
            let response = send(&app, request(method, "/write", &headers)).await;
            assert_passed(response, &[(ACAO, A)], &format!("{method} {headers:?}")).await;
        }
    }
    assert_eq!(calls.count("write"), 8);
}

#[tokio::test]
async fn same_origin_writes_pass() {
    let (app, calls) = app();
    let cases: [&[(&str, &str)]; 4] = [
        // The browser says so (the origin is not in the policy: no CORS header follows).
        &[("origin", EVIL), ("sec-fetch-site", "same-origin")],
        &[("sec-fetch-site", "same-origin")],
        // A user-initiated request (bookmark, typed URL).
        &[("sec-fetch-site", "none")],
        // No Fetch Metadata: `Origin` names the request's own host.
        &[
            ("origin", "http://api.local:8080"),
            ("host", "api.local:8080"),
        ],
    ];
    for method in WRITES {
        for headers in cases {
            let response = send(&app, request(method, "/write", headers)).await;
            assert_passed(response, &[], &format!("{method} {headers:?}")).await;
        }
    }
    assert_eq!(calls.count("write"), 16);
}

#[tokio::test]
async fn origin_naming_another_host_or_port_is_not_same_origin() {
    let (app, calls) = app();
    for headers in [
        [
            ("origin", "http://api.local:9090"),
            ("host", "api.local:8080"),
        ],
        [("origin", "http://api.local"), ("host", "api.local:8080")],
        [("origin", "http://api.local:8080"), ("host", "api.local")],
        [
            ("origin", "http://evil.api.local:8080"),
            ("host", "api.local:8080"),
        ],
        [
            ("origin", "http://api.local:8080/"),
            ("host", "api.local:8080"),
        ],
    ] {
        let response = send(&app, request("POST", "/write", &headers)).await;
        assert_strict_refusal(response, &format!("{headers:?}")).await;
    }
    assert_eq!(calls.count("write"), 0);
}

#[tokio::test]
async fn sec_fetch_site_wins_over_an_origin_matching_the_host() {
    // An `http://` page (say, injected by a network attacker) posting to the `https://`
    // API of the same host: `Origin` and `Host` agree on the host and port, but the
    // browser marks the request `cross-site` (schemes differ). As in Go's
    // CrossOriginProtection, Fetch Metadata is read first and refuses it.
    let (app, calls) = app();
    for site in ["cross-site", "same-site"] {
        let headers = [
            ("origin", "http://api.local"),
            ("host", "api.local"),
            ("sec-fetch-site", site),
        ];
        let response = send(&app, request("POST", "/write", &headers)).await;
        assert_strict_refusal(response, site).await;
    }
    assert_eq!(calls.count("write"), 0);
}

#[tokio::test]
async fn browser_request_marked_cross_site_without_origin_is_refused() {
    let (app, calls) = app();
    for method in WRITES {
        for site in ["cross-site", "same-site"] {
            let headers = [("sec-fetch-site", site)];
            let response = send(&app, request(method, "/write", &headers)).await;
            assert_strict_refusal(response, &format!("{method} {site}")).await;
        }
    }
    assert_eq!(calls.count("write"), 0);
}

#[tokio::test]
async fn request_without_origin_or_fetch_metadata_passes() {
    // curl, a server, a health check: not a browser, so not a cross-origin attack.
    let (app, calls) = app();
    for method in WRITES {
        let response = send(&app, actual(method, "/write", None)).await;
        assert_passed(response, &[], method).await;
    }
    assert_eq!(calls.count("write"), 4);
}

#[tokio::test]
async fn safe_methods_are_never_refused() {
    let (app, calls) = app();
    for method in ["GET", "HEAD"] {
        for headers in [
            vec![("origin", EVIL)],
            vec![("origin", EVIL), ("sec-fetch-site", "cross-site")],
            vec![("sec-fetch-site", "cross-site")],
        ] {
            let response = send(&app, request(method, "/read", &headers)).await;
            assert_eq!(response.status(), StatusCode::OK, "{method} {headers:?}");
            assert_cors(response.headers(), &[]);
            assert_eq!(vary(response.headers()), ["Origin"]);
        }
    }
    assert_eq!(
        calls.count("read"),
        6,
        "axum answers HEAD with the GET handler"
    );
}

#[tokio::test]
async fn preflights_of_a_strict_route_are_answered_as_usual() {
    let (app, calls) = app();
    let response = send(&app, preflight("/write", A, "DELETE", None)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(
        response.headers(),
        &[(ACAO, A), (ACAM, "POST, PUT, DELETE, PATCH")],
    );
    let response = send(&app, preflight("/write", EVIL, "DELETE", None)).await;
    support::assert_refused_preflight(response).await;
    // An OPTIONS request that is no preflight is not refused either.
    let response = send(&app, request("OPTIONS", "/write", &[("origin", EVIL)])).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(calls.count("write"), 0);
}

#[tokio::test]
async fn a_policy_without_strict_never_refuses() {
    let (app, calls) = app();
    for method in WRITES {
        for headers in [
            vec![("origin", EVIL)],
            vec![("origin", EVIL), ("sec-fetch-site", "cross-site")],
            vec![("sec-fetch-site", "cross-site")],
            vec![("origin", "null")],
        ] {
            let response = send(&app, request(method, "/lax", &headers)).await;
            assert_passed(response, &[], &format!("{method} {headers:?}")).await;
        }
    }
    assert_eq!(
        calls.count("lax"),
        16,
        "the handler always runs without `strict`"
    );
}

#[tokio::test]
async fn on_the_wire_the_real_host_header_makes_a_request_same_origin() {
    let (app, calls) = app();
    let addr = serve(app).await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an HTTP client");
    let url = format!("http://{addr}/write");

    // reqwest sends `Host: 127.0.0.1:<port>`: an `Origin` naming it is same-origin.
    let same = client
        .post(&url)
        .header("origin", format!("http://{addr}"))
        .send()
        .await
        .expect("response");
    assert_eq!(same.status(), reqwest::StatusCode::OK);
    assert_eq!(same.text().await.expect("body"), "written");

    let other_port = format!(
        "http://{}:{}",
        addr.ip(),
        addr.port().wrapping_add(1).max(1)
    );
    let refused = client
        .put(&url)
        .header("origin", other_port)
        .send()
        .await
        .expect("response");
    assert_eq!(refused.status(), reqwest::StatusCode::FORBIDDEN);
    assert!(
        refused
            .headers()
            .keys()
            .all(|name| !name.as_str().starts_with("access-control-"))
    );
    assert_eq!(refused.text().await.expect("body"), "");
    assert_eq!(calls.count("write"), 1);
}
