//! The examples a user copies, exercised so they cannot rot: each example's app is
//! started on a loopback port and answers real requests over HTTP (or a WebSocket). Every
//! answer's `Access-Control-*` and `Vary` lines are checked exactly.
//!
//! Handler runs: the examples are served as they are (users copy them), and their
//! handlers count nothing a test can read, so runs show only where the example's own
//! state does: the todo list holds one item per run of `create_todo`, and the demo's
//! greeting numbers its runs. Elsewhere each handler's body proves that it ran for that
//! request.

mod support;

#[path = "../examples/credentials.rs"]
#[allow(dead_code)]
mod credentials;
#[path = "../examples/demo.rs"]
#[allow(dead_code)]
mod demo;
#[path = "../examples/dev_origins.rs"]
#[allow(dead_code)]
mod dev_origins;
#[path = "../examples/misconfigured.rs"]
#[allow(dead_code)]
mod misconfigured;
#[path = "../examples/public_api.rs"]
#[allow(dead_code)]
mod public_api;
#[path = "../examples/quickstart.rs"]
#[allow(dead_code)]
mod quickstart;
#[path = "../examples/todos.rs"]
#[allow(dead_code)]
mod todos;
#[path = "../examples/websocket.rs"]
#[allow(dead_code)]
mod websocket;

use axum::http::StatusCode;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use support::*;

/// `GET url` with `Origin: origin`.
async fn get_from(url: &str, origin: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(url)
        .header("origin", origin)
        .send()
        .await
        .unwrap()
}

const PAGE: &str = "http://localhost:5173";

/// examples/todos.rs: state, `.nest("/api", ..)`, auth inside the policy of the POST.
#[tokio::test]
async fn todos_reads_publicly_and_writes_with_the_token_each_readable_cross_origin() {
    let addr = serve(todos::app(todos::AppState::new("t0ken"))).await;
    let url = format!("http://{addr}/api/todos");
    let client = reqwest::Client::new();

    let preflight = client
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", PAGE)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(
        preflight.headers(),
        &[
            (ACAO, PAGE),
            (ACAM, "POST"),
            (ACAH, "authorization, content-type"),
            (ACMA, "600"),
        ],
        &[PREFLIGHT_VARY],
    );

    let refused = client
        .post(&url)
        .header("origin", PAGE)
        .body("buy milk")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert_cors_vary(refused.headers(), &[(ACAO, PAGE)], &["Origin"]);
    assert_eq!(refused.text().await.unwrap(), "log in first");

    let created = client
        .post(&url)
        .header("origin", PAGE)
        .header("authorization", "Bearer t0ken")
        .body("buy milk")
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_cors_vary(created.headers(), &[(ACAO, PAGE)], &["Origin"]);
    assert_eq!(created.text().await.unwrap(), "buy milk");

    let listed = client
        .get(&url)
        .header("origin", PAGE)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::OK);
    assert_cors_vary(listed.headers(), &[(ACAO, PAGE)], &["Origin"]);
    // One item: `create_todo` ran once, for the POST with the token; not for the
    // preflight, nor for the POST the auth layer refused.
    assert_eq!(listed.text().await.unwrap(), "buy milk");

    let health = client
        .get(format!("http://{addr}/health"))
        .header("origin", PAGE)
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    // No policy on /health.
    assert_cors_vary(health.headers(), &[], &[]);
    assert_eq!(health.text().await.unwrap(), "ok");
}

/// examples/quickstart.rs: the annotated route answers with CORS headers, the plain one without.
#[tokio::test]
async fn quickstart_answers_the_allowed_origin() {
    let addr = serve(quickstart::app()).await;
    let users = get_from(&format!("http://{addr}/users"), "https://app.example.com").await;
    assert_eq!(users.status(), StatusCode::OK);
    assert_cors_vary(
        users.headers(),
        &[(ACAO, "https://app.example.com")],
        &["Origin"],
    );
    assert_eq!(users.text().await.unwrap(), r#"["ada","grace"]"#);
    let health = get_from(&format!("http://{addr}/health"), "https://app.example.com").await;
    assert_eq!(health.status(), StatusCode::OK);
    assert_cors_vary(health.headers(), &[], &[]);
    assert_eq!(health.text().await.unwrap(), "ok");
}

/// examples/credentials.rs: the cookie is read and the answer carries credentials.
#[tokio::test]
async fn credentials_reads_the_cookie_with_credentials_headers() {
    let addr = serve(credentials::app()).await;
    let me = reqwest::Client::new()
        .get(format!("http://{addr}/me"))
        .header("origin", "http://localhost:5173")
        .header("cookie", "session=abc")
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    assert_cors_vary(
        me.headers(),
        &[(ACAO, "http://localhost:5173"), (ACAC, "true")],
        &["Origin"],
    );
    assert_eq!(me.text().await.unwrap(), r#""signed in with session=abc""#);
}

/// examples/misconfigured.rs: the corrected handler works.
#[tokio::test]
async fn misconfigured_fixed_handler_answers() {
    let addr = serve(misconfigured::app()).await;
    let fixed = get_from(&format!("http://{addr}/fixed"), "https://app.example.com").await;
    assert_eq!(fixed.status(), StatusCode::OK);
    assert_cors_vary(
        fixed.headers(),
        &[(ACAO, "https://app.example.com"), (ACAC, "true")],
        &["Origin"],
    );
    assert_eq!(fixed.text().await.unwrap(), "");
}

/// examples/public_api.rs: any origin, a constant `*`, readable 404s.
#[tokio::test]
async fn public_api_answers_every_origin_with_a_constant_star() {
    let addr = serve(public_api::app()).await;
    let rates = get_from(&format!("http://{addr}/rates"), "https://any.example").await;
    assert_eq!(rates.status(), StatusCode::OK);
    // A constant `*`: no `Vary: Origin` (Fetch, CORS protocol and HTTP caches).
    assert_cors_vary(rates.headers(), &[(ACAO, "*"), (ACEH, "x-rate-date")], &[]);
    assert_eq!(rates.text().await.unwrap(), r#"[["EUR",1.0],["USD",1.08]]"#);
    let missing = get_from(&format!("http://{addr}/rates/XYZ"), "https://any.example").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_cors_vary(missing.headers(), &[(ACAO, "*")], &[]);
}

/// examples/dev_origins.rs: with neither variable set, production and the default
/// origin are allowed, the dev server's is not.
#[tokio::test]
async fn dev_origins_without_the_variables_allows_production_only() {
    assert!(std::env::var_os("APP_DEV_ORIGINS").is_none());
    assert!(std::env::var_os("APP_EXTRA_ORIGINS").is_none());
    let addr = serve(dev_origins::app().expect("valid origins")).await;
    let url = format!("http://{addr}/projects");
    for (origin, allowed) in [
        ("https://app.example.com", true),
        ("https://www.example.com", true),
        ("http://localhost:5173", false),
    ] {
        let response = get_from(&url, origin).await;
        assert_eq!(response.status(), StatusCode::OK, "{origin}");
        let cors: &[(&str, &str)] = if allowed {
            &[(ACAO, origin), (ACAC, "true")]
        } else {
            &[]
        };
        assert_cors_vary(response.headers(), cors, &["Origin"]);
        assert_eq!(
            response.text().await.unwrap(),
            r#"["apollo","gemini"]"#,
            "{origin}"
        );
    }
}

/// examples/websocket.rs: the app's page gets its echo; another site's handshake is 403.
#[tokio::test]
async fn websocket_echoes_for_the_app_and_refuses_another_site() {
    let addr = serve(websocket::app()).await;
    let handshake = |origin: &str| {
        let mut request = format!("ws://{addr}/echo").into_client_request().unwrap();
        request
            .headers_mut()
            .insert("origin", origin.parse().unwrap());
        request
    };
    let (mut socket, upgrade) =
        tokio_tungstenite::connect_async(handshake("https://app.example.com"))
            .await
            .expect("the app's page may connect");
    assert_eq!(upgrade.status(), StatusCode::SWITCHING_PROTOCOLS);
    assert_cors_vary(
        upgrade.headers(),
        &[(ACAO, "https://app.example.com"), (ACAC, "true")],
        &["Origin"],
    );
    socket.send("ping".into()).await.unwrap();
    let reply = socket.next().await.unwrap().unwrap();
    assert_eq!(reply.into_text().unwrap().as_str(), "ping");

    match tokio_tungstenite::connect_async(handshake("https://evil.example")).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), StatusCode::FORBIDDEN);
            assert_cors_vary(response.headers(), &[], &["Origin"]);
            assert!(response.body().as_deref().unwrap_or_default().is_empty());
        }
        other => panic!("expected a 403 handshake, got {other:?}"),
    }
}

/// examples/demo.rs: the greeting is allowed from the demo page's origin, the partner
/// route is not.
#[tokio::test]
async fn demo_api_allows_the_page_origin_only_where_it_should() {
    let addr = serve(demo::api()).await;
    let page = format!("http://localhost:{}", demo::PAGE_PORT);
    // The greeting numbers its runs: one per request, counted by the example itself.
    for run in 1..=2 {
        let greeting = get_from(&format!("http://{addr}/api/greeting"), &page).await;
        assert_eq!(greeting.status(), StatusCode::OK);
        assert_cors_vary(
            greeting.headers(),
            &[(ACAO, page.as_str()), (ACEH, "x-served-by")],
            &["Origin"],
        );
        let body: serde_json::Value =
            serde_json::from_str(&greeting.text().await.unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "message": "Hello from the API: this call was allowed by CORS.",
                "count": run,
            })
        );
    }
    let partner = get_from(&format!("http://{addr}/api/partner-only"), &page).await;
    assert_eq!(partner.status(), StatusCode::OK);
    assert_cors_vary(partner.headers(), &[], &["Origin"]);
    // The handler ran (CORS never stops a simple GET); the browser would withhold this.
    assert_eq!(partner.text().await.unwrap(), "partner data");
}
