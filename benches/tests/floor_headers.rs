//! The floor + headers routes of the benchmarks answer each request exactly as `#[cors]`
//! does: same status, same header lines in the same order, same body. Otherwise the
//! ratio ours / floor + headers in BENCHMARKS.md would compare different work.

use axum::Router;
use axum::body::{Body, to_bytes};
use cors_benches::{Case, Server, floor_headers};
use http::{HeaderName, HeaderValue, Response, StatusCode};
use tower::ServiceExt;

async fn answer(
    router: Router,
    case: Case,
) -> (StatusCode, Vec<(HeaderName, HeaderValue)>, Vec<u8>) {
    let response: Response<Body> = match router.oneshot(case.request()).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let status = response.status();
    let lines = response
        .headers()
        .iter()
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let body = to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("in-memory body");
    (status, lines, body.to_vec())
}

#[tokio::test]
async fn floor_headers_answers_exactly_what_ours_answers() {
    for case in Case::ALL {
        let ours = answer(Server::Ours.router(), case).await;
        let floor = answer(floor_headers::router(case), case).await;
        assert_eq!(ours.0, case.status(Server::Ours), "{}", case.name());
        assert_eq!(floor, ours, "{}", case.name());
    }
}
