//! The examples a user copies, exercised so they cannot rot: each example's app is
//! started on a loopback port and answers real requests over HTTP (or a WebSocket).

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
    assert_eq!(preflight.headers()[ACAO], PAGE);
    assert_eq!(preflight.headers()[ACAH], "authorization, content-type");
    assert_eq!(preflight.headers()[ACMA], "600");

    let refused = client
        .post(&url)
        .header("origin", PAGE)
        .body("buy milk")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(refused.headers()[ACAO], PAGE);
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
    assert_eq!(created.headers()[ACAO], PAGE);

    let listed = client
        .get(&url)
        .header("origin", PAGE)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::OK);
    assert_eq!(listed.headers()[ACAO], PAGE);
    assert_eq!(listed.text().await.unwrap(), "buy milk");

    let health = client
        .get(format!("http://{addr}/health"))
        .header("origin", PAGE)
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert!(health.headers().get(ACAO).is_none(), "no policy on /health");
}

/// examples/quickstart.rs: the annotated route answers with CORS headers, the plain one without.
#[tokio::test]
async fn quickstart_answers_the_allowed_origin() {
    let addr = serve(quickstart::app()).await;
    let users = get_from(&format!("http://{addr}/users"), "https://app.example.com").await;
    assert_eq!(users.status(), StatusCode::OK);
    assert_eq!(users.headers()[ACAO], "https://app.example.com");
    assert_eq!(users.text().await.unwrap(), r#"["ada","grace"]"#);
    let health = get_from(&format!("http://{addr}/health"), "https://app.example.com").await;
    assert!(health.headers().get(ACAO).is_none());
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
    assert_eq!(me.headers()[ACAO], "http://localhost:5173");
    assert_eq!(me.headers()[ACAC], "true");
    assert_eq!(me.text().await.unwrap(), r#""signed in with session=abc""#);
}

/// examples/misconfigured.rs: the corrected handler works.
#[tokio::test]
async fn misconfigured_fixed_handler_answers() {
    let addr = serve(misconfigured::app()).await;
    let fixed = get_from(&format!("http://{addr}/fixed"), "https://app.example.com").await;
    assert_eq!(fixed.status(), StatusCode::OK);
    assert_eq!(fixed.headers()[ACAO], "https://app.example.com");
    assert_eq!(fixed.headers()[ACAC], "true");
}

/// examples/public_api.rs: any origin, a constant `*`, readable 404s.
#[tokio::test]
async fn public_api_answers_every_origin_with_a_constant_star() {
    let addr = serve(public_api::app()).await;
    let rates = get_from(&format!("http://{addr}/rates"), "https://any.example").await;
    assert_eq!(rates.status(), StatusCode::OK);
    assert_eq!(rates.headers()[ACAO], "*");
    assert_eq!(rates.headers()[ACEH], "x-rate-date");
    assert!(rates.headers().get("vary").is_none());
    let missing = get_from(&format!("http://{addr}/rates/XYZ"), "https://any.example").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.headers()[ACAO], "*");
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
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers().get(ACAO).map(|v| v.to_str().unwrap()),
            allowed.then_some(origin),
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
    let (mut socket, _) = tokio_tungstenite::connect_async(handshake("https://app.example.com"))
        .await
        .expect("the app's page may connect");
    socket.send("ping".into()).await.unwrap();
    let reply = socket.next().await.unwrap().unwrap();
    assert_eq!(reply.into_text().unwrap().as_str(), "ping");

    match tokio_tungstenite::connect_async(handshake("https://evil.example")).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), StatusCode::FORBIDDEN)
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
    let greeting = get_from(&format!("http://{addr}/api/greeting"), &page).await;
    assert_eq!(greeting.status(), StatusCode::OK);
    assert_eq!(greeting.headers()[ACAO], page.as_str());
    assert_eq!(greeting.headers()[ACEH], "x-served-by");
    let partner = get_from(&format!("http://{addr}/api/partner-only"), &page).await;
    assert_eq!(partner.status(), StatusCode::OK);
    assert!(partner.headers().get(ACAO).is_none());
}
