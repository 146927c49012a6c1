//! The examples a user copies, exercised so they cannot rot: each server example's app is
//! started on a loopback port and answers a real request over HTTP.

mod support;

#[path = "../examples/todos.rs"]
#[allow(dead_code)]
mod todos;

use axum::http::StatusCode;

use support::*;

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
