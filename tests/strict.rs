//! Strict mode (README, "Strict mode") through a real `axum::Router`: a state-changing
//! cross-origin request from an origin the policy does not allow gets `403` before the
//! handler runs.
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

use support::{A, Calls, EVIL, actual, assert_cors_vary, body, preflight, request, send, serve};
use support::{ACAM, ACAO, PREFLIGHT_VARY};

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
    assert_cors_vary(response.headers(), &[], &["Origin"]);
    assert!(body(response).await.is_empty(), "{what}: no body");
}

/// The handler ran and answered; `cors` are the CORS headers expected on the answer.
async fn assert_passed(response: Response, cors: &[(&str, &str)], what: &str) {
    assert_eq!(response.status(), StatusCode::OK, "{what}");
    assert_cors_vary(response.headers(), cors, &["Origin"]);
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
    calls.assert_runs(&[("write", 0)]);
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
    calls.assert_runs(&[("write", 8)]);
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
    calls.assert_runs(&[("write", 16)]);
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
    calls.assert_runs(&[("write", 0)]);
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
    calls.assert_runs(&[("write", 0)]);
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
    calls.assert_runs(&[("write", 0)]);
}

#[tokio::test]
async fn request_without_origin_or_fetch_metadata_passes() {
    // curl, a server, a health check: not a browser, so not a cross-origin attack.
    let (app, calls) = app();
    for method in WRITES {
        let response = send(&app, actual(method, "/write", None)).await;
        assert_passed(response, &[], method).await;
    }
    calls.assert_runs(&[("write", 4)]);
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
            assert_cors_vary(response.headers(), &[], &["Origin"]);
        }
    }
    // axum answers HEAD with the GET handler.
    calls.assert_runs(&[("read", 6)]);
}

#[tokio::test]
async fn preflights_of_a_strict_route_are_answered_as_usual() {
    let (app, calls) = app();
    let response = send(&app, preflight("/write", A, "DELETE", None)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(
        response.headers(),
        &[(ACAO, A), (ACAM, "POST, PUT, DELETE, PATCH")],
        &[PREFLIGHT_VARY],
    );
    let response = send(&app, preflight("/write", EVIL, "DELETE", None)).await;
    support::assert_refused_preflight(response).await;
    // An OPTIONS request that is no preflight is not refused either.
    let response = send(&app, request("OPTIONS", "/write", &[("origin", EVIL)])).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(response.headers(), &[], &[]);
    calls.assert_runs(&[]);
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
    // The handler always runs without `strict`.
    calls.assert_runs(&[("lax", 16)]);
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
    assert_cors_vary(same.headers(), &[], &["Origin"]);
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
    assert_cors_vary(refused.headers(), &[], &["Origin"]);
    assert_eq!(refused.text().await.expect("body"), "");
    calls.assert_runs(&[("write", 1)]);
}

/// Without a `Host` header (HTTP/2 carries the authority in `:authority` instead, and an
/// HTTP/1.1 request may carry it in an absolute-form target), `Origin` is compared with
/// the authority of the request URI.
#[tokio::test]
async fn without_a_host_header_the_uri_authority_decides_same_origin() {
    let (app, calls) = app();
    for method in WRITES {
        for (uri, origin) in [
            ("http://api.example.com/write", "http://api.example.com"),
            (
                "http://api.example.com:8080/write",
                "http://api.example.com:8080",
            ),
        ] {
            let request = request(method, uri, &[("origin", origin)]);
            assert!(request.headers().get("host").is_none(), "no Host header");
            assert_eq!(
                request.uri().authority().map(|a| a.as_str()),
                origin.strip_prefix("http://")
            );
            let response = send(&app, request).await;
            assert_passed(response, &[], &format!("{method} {uri} from {origin}")).await;
        }
    }
    calls.assert_runs(&[("write", 8)]);

    for (uri, origin) in [
        // Another host, another port, no port: not the authority.
        ("http://api.example.com/write", "http://evil.example.com"),
        (
            "http://api.example.com:8080/write",
            "http://api.example.com",
        ),
        (
            "http://api.example.com/write",
            "http://api.example.com:8080",
        ),
        // Neither `Host` nor an authority: nothing names the request's own origin.
        ("/write", "http://api.example.com"),
    ] {
        let response = send(&app, request("POST", uri, &[("origin", origin)])).await;
        assert_strict_refusal(response, &format!("{uri} from {origin}")).await;
    }
    calls.assert_runs(&[("write", 8)]);
}

/// The same on the wire: an HTTP/1.1 request with an absolute-form target and no `Host`
/// line reaches the policy with the target's authority in its URI.
#[tokio::test]
async fn on_the_wire_an_absolute_form_target_without_host_is_same_origin() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let (app, calls) = app();
    let addr = serve(app).await;
    let exchange = |origin: &'static str| async move {
        let mut stream = tokio::net::TcpStream::connect(addr)
            .await
            .expect("connect to the server");
        let request = format!(
            "POST http://api.example.com/write HTTP/1.1\r\norigin: {origin}\r\n\
             content-length: 0\r\nconnection: close\r\n\r\n"
        );
        stream
            .write_all(request.as_bytes())
            .await
            .expect("write the request");
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .await
            .expect("read the answer");
        answer
    };

    // The `Access-Control-*` and `Vary` lines of a raw answer, in order.
    let cors_and_vary = |answer: &str| -> Vec<String> {
        let head = answer.split("\r\n\r\n").next().unwrap_or_default();
        head.lines()
            .skip(1)
            .map(str::to_ascii_lowercase)
            .filter(|line| line.starts_with("access-control-") || line.starts_with("vary:"))
            .collect()
    };

    let same = exchange("http://api.example.com").await;
    assert!(same.starts_with("HTTP/1.1 200 OK\r\n"), "{same}");
    assert_eq!(cors_and_vary(&same), ["vary: origin"], "{same}");
    assert!(same.ends_with("\r\n\r\nwritten"), "{same}");
    calls.assert_runs(&[("write", 1)]);

    let other = exchange("http://evil.example.com").await;
    assert!(other.starts_with("HTTP/1.1 403 Forbidden\r\n"), "{other}");
    assert_eq!(cors_and_vary(&other), ["vary: origin"], "{other}");
    assert!(other.ends_with("\r\n\r\n"), "no body: {other}");
    calls.assert_runs(&[("write", 1)]);
}
