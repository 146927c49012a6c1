//! `#[cors(crate = my_cors)]` through a renamed dependency: the crate compiles (there is no
//! `::cors_runtime` to fall back on) and its handler answers with its policy.

use http::header::{ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ORIGIN, VARY};
use http::{Request, StatusCode};
use tower::ServiceExt;

#[tokio::test]
async fn the_policy_applies_through_the_renamed_dependency() {
    let request = Request::get("/greeting")
        .header(ORIGIN, "https://app.example.com")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = cors_renamed_dependency::router()
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers();
    assert_eq!(
        headers[ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://app.example.com"
    );
    assert_eq!(headers[ACCESS_CONTROL_EXPOSE_HEADERS], "x-request-id");
    assert_eq!(headers[VARY], "Origin");
}

#[test]
fn ui() {
    // Compiled by trybuild with only this crate's dependencies: `my_cors`, no `cors_runtime`.
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
