//! `cors_runtime::audit` pins the CORS policy of a whole API: several paths, a nested
//! router, a shared policy, origins from a function, any-origin, middleware inside a
//! policy, and a route without CORS. The audit only asks (preflights): no handler and no
//! layer inside a policy runs.
//!
//! It tells apart, through real Routers and real middleware, why a path has no policy in
//! force (README, "Auditing your routes"): auth outside the policy (`route_layer`, a
//! layer on the `cors_routes!` result), a mistyped path, a route without `#[cors]`; and
//! `assert_every_path_has_cors` fails with those words, or passes on a correct app.

mod support;

use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use cors_runtime::{AnsweredBy, cors, cors_policy, cors_routes};
use tower_http::timeout::TimeoutLayer;

use support::*;

#[cors_policy(
    origins = ["https://app.example.com", "https://*.preview.example.com"],
    headers = ["content-type"],
    credentials,
    max_age = 600,
)]
struct App;

#[cors(policy = App, methods = [GET])]
async fn list_todos(State(calls): State<Calls>) -> &'static str {
    calls.hit("list_todos");
    "[]"
}

#[cors(policy = App, methods = [POST], headers = ["x-idempotency-key"], strict)]
async fn create_todo(State(calls): State<Calls>, body: String) -> String {
    calls.hit("create_todo");
    body
}

#[cors(policy = App, methods = [DELETE, PATCH], max_age = 60)]
async fn change_todo(State(calls): State<Calls>) {
    calls.hit("change_todo");
}

fn partner_origins() -> Vec<&'static str> {
    vec!["https://partner.example", "http://localhost:*"]
}

#[cors(origins = [from_fn(partner_origins)], methods = [GET], expose = ["x-request-id"])]
async fn partner_feed(State(calls): State<Calls>) -> &'static str {
    calls.hit("partner_feed");
    "{}"
}

#[cors(origins = "*", methods = [GET], max_age = 86400)]
async fn public_status(State(calls): State<Calls>) -> &'static str {
    calls.hit("public_status");
    "up"
}

/// A layer inside the `/todos` policy; counted as `pass`.
async fn pass(State(calls): State<Calls>, request: Request, next: Next) -> Response {
    calls.hit("pass");
    next.run(request).await
}

async fn health(State(calls): State<Calls>) -> &'static str {
    calls.hit("health");
    "ok"
}

fn app() -> (Router, Calls) {
    let calls = Calls::new(&[
        "list_todos",
        "create_todo",
        "change_todo",
        "partner_feed",
        "public_status",
        "health",
        "pass",
    ]);
    let pass = middleware::from_fn_with_state(calls.clone(), pass);
    let api = Router::new()
        .route(
            "/todos",
            cors_routes![list_todos, create_todo; layers = [pass]],
        )
        .route("/todos/{id}", cors_routes![change_todo])
        .route("/partner/feed", cors_routes![partner_feed]);
    let app = Router::new()
        .nest("/api", api)
        .route("/status", cors_routes![public_status])
        .route("/health", get(health))
        .with_state(calls.clone());
    (app, calls)
}

#[tokio::test]
async fn the_audit_of_a_whole_api_is_pinned() {
    let (app, calls) = app();
    let audit = cors_runtime::audit(
        &app,
        [
            "/api/todos",
            "/api/todos/{id}",
            "/api/partner/feed",
            "/status",
            "/health",
            "/api/missing",
        ],
    )
    .await;
    assert_eq!(
        audit.to_string(),
        "\
/api/todos
  GET, HEAD: list_todos; origins https://app.example.com, https://*.preview.example.com; headers content-type; credentials; max-age 600
  POST: create_todo; origins https://app.example.com, https://*.preview.example.com; headers content-type, x-idempotency-key; credentials; max-age 600; strict
/api/todos/{id}
  DELETE, PATCH: change_todo; origins https://app.example.com, https://*.preview.example.com; headers content-type; credentials; max-age 60
/api/partner/feed
  GET, HEAD: partner_feed; origins https://partner.example, http://localhost:*; expose x-request-id
/status
  GET, HEAD: public_status; any origin; max-age 86400
/health
  no CORS policy: no `#[cors]` handler on this path (routed for GET, HEAD; OPTIONS got `405 Method Not Allowed`): mount its handlers with `cors_routes![..]` if browsers call it from another origin
/api/missing
  no CORS policy: no route at this path (`404 Not Found`): check the path, with its `.nest` prefix
"
    );
    assert_eq!(audit.routes[0].answered_by, AnsweredBy::Policy);
    let todos = &audit.routes[0].policies[1];
    assert_eq!(todos.handler, "create_todo");
    assert_eq!(todos.methods, ["POST"]);
    assert!(todos.credentials && todos.strict);
    calls.assert_runs(&[]);
}

/// Router-wide auth that lets preflights pass (`is_preflight`) lets the audit through;
/// one that refuses every request without a token answers in the policy's place, and the
/// audit says so.
#[tokio::test]
async fn router_wide_auth_that_lets_preflights_pass_lets_the_audit_through() {
    async fn lets_preflights_pass(request: Request, next: Next) -> Response {
        if cors_runtime::is_preflight(&request) {
            next.run(request).await
        } else {
            StatusCode::UNAUTHORIZED.into_response()
        }
    }
    async fn refuses_everything(_: Request, _: Next) -> Response {
        StatusCode::UNAUTHORIZED.into_response()
    }

    let (router, calls) = app();
    let router = router.layer(middleware::from_fn(lets_preflights_pass));
    let audit = cors_runtime::audit(&router, ["/status"]).await;
    assert_eq!(
        audit.to_string(),
        "/status\n  GET, HEAD: public_status; any origin; max-age 86400\n"
    );
    calls.assert_runs(&[]);

    let (router, calls) = app();
    let router = router.layer(middleware::from_fn(refuses_everything));
    let audit = cors_runtime::audit(&router, ["/status"]).await;
    assert_eq!(
        audit.to_string(),
        format!("/status\n  no CORS policy: {OUTSIDE_401}\n")
    );
    calls.assert_runs(&[]);
}

// What the audit says when the policy does not answer a path's preflight.

/// The cause and fix for auth outside the policy that refuses the preflight.
const OUTSIDE_401: &str = "a layer outside the policy answered this path's preflight with `401 Unauthorized`: move it into `cors_routes![..; layers = [..]]`, or let preflights pass with `cors_runtime::is_preflight`";
/// The cause and fix for a path no route matches.
const NO_ROUTE: &str =
    "no route at this path (`404 Not Found`): check the path, with its `.nest` prefix";
/// The cause and fix for a path routed with `get(..)` alone.
const NO_CORS_GET: &str = "no `#[cors]` handler on this path (routed for GET, HEAD; OPTIONS got `405 Method Not Allowed`): mount its handlers with `cors_routes![..]` if browsers call it from another origin";

#[cors(origins = ["https://app.example.com"], methods = [GET], headers = ["authorization"])]
async fn profile(State(calls): State<Calls>) -> &'static str {
    calls.hit("profile");
    "ada"
}

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["authorization"])]
async fn save_profile(State(calls): State<Calls>) -> &'static str {
    calls.hit("save_profile");
    "saved"
}

async fn plain(State(calls): State<Calls>) -> &'static str {
    calls.hit("plain");
    "plain"
}

/// Bearer auth written the axum way, outside or inside the policy; counted as `auth`.
async fn require_token(State(calls): State<Calls>, request: Request, next: Next) -> Response {
    calls.hit("auth");
    if request.headers().contains_key("authorization") {
        next.run(request).await
    } else {
        (StatusCode::UNAUTHORIZED, "log in first").into_response()
    }
}

fn calls() -> Calls {
    Calls::new(&["profile", "save_profile", "plain", "auth"])
}

/// `.route_layer(auth)` on the Router wraps the path's preflight endpoint: a browser's
/// preflight gets `401` with no CORS header, and the audit names the layer, not a typo.
#[tokio::test]
async fn auth_as_a_route_layer_on_the_router_is_reported_as_outside_the_policy() {
    let calls = calls();
    let auth = middleware::from_fn_with_state(calls.clone(), require_token);
    let app = Router::new()
        .route("/profile", cors_routes![profile, save_profile])
        .route_layer(auth)
        .with_state(calls.clone());

    // What a browser meets.
    let response = send(
        &app,
        preflight("/profile", "https://app.example.com", "GET", None),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_cors(response.headers(), &[]);
    calls.assert_runs(&[("auth", 1)]);

    let audit = cors_runtime::audit(&app, ["/profile"]).await;
    assert_eq!(
        audit.to_string(),
        format!("/profile\n  no CORS policy: {OUTSIDE_401}\n")
    );
    assert_eq!(
        audit.routes[0].answered_by.to_string(),
        OUTSIDE_401,
        "the words of the report"
    );
    assert!(matches!(
        audit.routes[0].answered_by,
        AnsweredBy::OutsideLayer {
            status: StatusCode::UNAUTHORIZED,
            ..
        }
    ));
    assert!(audit.routes[0].policies.is_empty());
    let error = audit.check_every_path_has_cors().unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "CORS audit: 1 of 1 paths has no CORS policy\n/profile\n  no CORS policy: {OUTSIDE_401}"
        )
    );
    assert_eq!((error.audited, error.routes.len()), (1, 1));
    // The audit's probe met the auth layer, and no handler ran.
    calls.assert_runs(&[("auth", 2)]);
}

/// `.layer(auth)` on the `cors_routes!` result wraps its OPTIONS endpoint the same way.
#[tokio::test]
async fn auth_as_a_layer_on_the_method_router_is_reported_as_outside_the_policy() {
    let calls = calls();
    let auth = middleware::from_fn_with_state(calls.clone(), require_token);
    let app = Router::new()
        .route("/profile", cors_routes![profile].layer(auth))
        .with_state(calls.clone());

    let response = send(
        &app,
        preflight("/profile", "https://app.example.com", "GET", None),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_cors(response.headers(), &[]);

    let audit = cors_runtime::audit(&app, ["/profile"]).await;
    assert_eq!(
        audit.to_string(),
        format!("/profile\n  no CORS policy: {OUTSIDE_401}\n")
    );
    calls.assert_runs(&[("auth", 2)]);
}

/// The same auth inside the policy (`layers = [..]`): the preflight is answered before it.
#[tokio::test]
async fn auth_inside_the_policy_passes() {
    let calls = calls();
    let auth = middleware::from_fn_with_state(calls.clone(), require_token);
    let app = Router::new()
        .route(
            "/profile",
            cors_routes![profile, save_profile; layers = [auth]],
        )
        .with_state(calls.clone());

    let audit = cors_runtime::audit(&app, ["/profile"]).await;
    assert_eq!(
        audit.to_string(),
        "\
/profile
  GET, HEAD: profile; origins https://app.example.com; headers authorization
  POST: save_profile; origins https://app.example.com; headers authorization
"
    );
    assert_eq!(audit.check_every_path_has_cors(), Ok(()));
    audit.assert_every_path_has_cors();
    calls.assert_runs(&[]);
}

/// A path without its `.nest` prefix matches no route: the router's fallback `404`.
#[tokio::test]
async fn a_mistyped_path_is_reported_as_no_route() {
    let calls = calls();
    let api = Router::new().route("/profile", cors_routes![profile]);
    let app = Router::new().nest("/api", api).with_state(calls.clone());

    let audit = cors_runtime::audit(&app, ["/profile", "/api/profile"]).await;
    assert_eq!(
        audit.to_string(),
        format!(
            "\
/profile
  no CORS policy: {NO_ROUTE}
/api/profile
  GET, HEAD: profile; origins https://app.example.com; headers authorization
"
        )
    );
    assert_eq!(audit.routes[0].answered_by, AnsweredBy::NoRoute);
    assert_eq!(audit.routes[1].answered_by, AnsweredBy::Policy);
    calls.assert_runs(&[]);
}

/// A path routed with `get(..)` alone has no OPTIONS endpoint: axum answers `405` with
/// `Allow: GET,HEAD`. Behind a route layer, the layer's `401` still carries axum's
/// `Allow`, so the missing `#[cors]` is what is reported, not the layer.
#[tokio::test]
async fn a_path_without_cors_is_reported_as_no_cors_handler() {
    let calls = calls();
    let app = Router::new()
        .route("/plain", get(plain))
        .with_state(calls.clone());
    let response = send(&app, actual("OPTIONS", "/plain", None)).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(lines(response.headers(), "allow"), ["GET,HEAD"]);

    let audit = cors_runtime::audit(&app, ["/plain"]).await;
    assert_eq!(
        audit.to_string(),
        format!("/plain\n  no CORS policy: {NO_CORS_GET}\n")
    );
    assert!(matches!(
        &audit.routes[0].answered_by,
        AnsweredBy::NoCorsHandler { status: StatusCode::METHOD_NOT_ALLOWED, allow: Some(allow), .. }
            if allow == "GET, HEAD"
    ));

    let auth = middleware::from_fn_with_state(calls.clone(), require_token);
    let app = Router::new()
        .route("/plain", get(plain))
        .route_layer(auth)
        .with_state(calls.clone());
    let audit = cors_runtime::audit(&app, ["/plain"]).await;
    assert_eq!(
        audit.to_string(),
        "/plain\n  no CORS policy: no `#[cors]` handler on this path (routed for GET, HEAD; OPTIONS got `401 Unauthorized`): mount its handlers with `cors_routes![..]` if browsers call it from another origin\n"
    );
    calls.assert_runs(&[("auth", 1)]);
}

/// A handler on every method (`any`) answers OPTIONS itself, and so runs: the audit can
/// only say that something other than a policy answered.
#[tokio::test]
async fn a_handler_on_any_method_is_reported_as_something_else() {
    let calls = calls();
    let app = Router::new()
        .route("/any", any(plain))
        .with_state(calls.clone());
    let audit = cors_runtime::audit(&app, ["/any"]).await;
    assert_eq!(
        audit.to_string(),
        "/any\n  no CORS policy: something other than a `#[cors]` policy answered this path's preflight with `200 OK` (a handler on OPTIONS: `any(..)`, `options(..)`, a fallback; or a layer outside the policy, such as tower-http's `CorsLayer`): mount the path with `cors_routes![..]` and keep such layers off it\n"
    );
    calls.assert_runs(&[("plain", 1)]);
}

/// One app with every mistake: the check names each bad path, its cause and its fix, in
/// the order given, and skips the good ones.
fn app_with_every_mistake(calls: &Calls) -> Router {
    let auth = || middleware::from_fn_with_state(calls.clone(), require_token);
    let behind_route_layer = Router::new()
        .route("/settings", cors_routes![save_profile])
        .route_layer(auth());
    let api = Router::new()
        .route("/profile", cors_routes![profile])
        .route("/avatar", cors_routes![profile].layer(auth()))
        .merge(behind_route_layer)
        .route("/plain", get(plain));
    Router::new().nest("/api", api).with_state(calls.clone())
}

const EVERY_MISTAKE: &str = "\
CORS audit: 4 of 5 paths have no CORS policy
/api/avatar
  no CORS policy: a layer outside the policy answered this path's preflight with `401 Unauthorized`: move it into `cors_routes![..; layers = [..]]`, or let preflights pass with `cors_runtime::is_preflight`
/api/settings
  no CORS policy: a layer outside the policy answered this path's preflight with `401 Unauthorized`: move it into `cors_routes![..; layers = [..]]`, or let preflights pass with `cors_runtime::is_preflight`
/profile
  no CORS policy: no route at this path (`404 Not Found`): check the path, with its `.nest` prefix
/api/plain
  no CORS policy: no `#[cors]` handler on this path (routed for GET, HEAD; OPTIONS got `405 Method Not Allowed`): mount its handlers with `cors_routes![..]` if browsers call it from another origin";

const EVERY_MISTAKE_PATHS: [&str; 5] = [
    "/api/profile",
    "/api/avatar",
    "/api/settings",
    "/profile",
    "/api/plain",
];

#[tokio::test]
async fn the_check_names_each_path_its_cause_and_its_fix() {
    let calls = calls();
    let app = app_with_every_mistake(&calls);
    let audit = cors_runtime::audit(&app, EVERY_MISTAKE_PATHS).await;
    let error = audit.check_every_path_has_cors().unwrap_err();
    assert_eq!(error.to_string(), EVERY_MISTAKE);
    let paths: Vec<&str> = error.routes.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        ["/api/avatar", "/api/settings", "/profile", "/api/plain"]
    );
    // Two probes met the auth layers; no handler ran.
    calls.assert_runs(&[("auth", 2)]);
}

#[tokio::test]
#[should_panic(expected = "CORS audit: 4 of 5 paths have no CORS policy
/api/avatar
  no CORS policy: a layer outside the policy answered this path's preflight with `401 Unauthorized`: move it into `cors_routes![..; layers = [..]]`, or let preflights pass with `cors_runtime::is_preflight`
/api/settings
  no CORS policy: a layer outside the policy answered this path's preflight with `401 Unauthorized`: move it into `cors_routes![..; layers = [..]]`, or let preflights pass with `cors_runtime::is_preflight`
/profile
  no CORS policy: no route at this path (`404 Not Found`): check the path, with its `.nest` prefix
/api/plain
  no CORS policy: no `#[cors]` handler on this path (routed for GET, HEAD; OPTIONS got `405 Method Not Allowed`): mount its handlers with `cors_routes![..]` if browsers call it from another origin")]
async fn the_assertion_fails_with_the_same_words() {
    let calls = calls();
    let app = app_with_every_mistake(&calls);
    cors_runtime::audit(&app, EVERY_MISTAKE_PATHS)
        .await
        .assert_every_path_has_cors();
}

/// The whole API of `app()` passes, and the check runs no handler and no layer.
#[tokio::test]
async fn a_correct_app_passes_the_assertion() {
    let (app, calls) = app();
    cors_runtime::audit(
        &app,
        [
            "/api/todos",
            "/api/todos/{id}",
            "/api/partner/feed",
            "/status",
        ],
    )
    .await
    .assert_every_path_has_cors();
    calls.assert_runs(&[]);
}

/// A Router-wide timeout answers only actual requests: the audit's probe passes it, so the
/// audit cannot see it, and its `408` carries no CORS header (README, "Middleware and
/// auth"). Inside the policy, the same timeout's `408` is readable.
#[tokio::test]
async fn a_router_wide_timeout_is_invisible_to_the_audit() {
    #[cors(origins = ["https://app.example.com"], methods = [GET])]
    async fn slow(State(calls): State<Calls>) -> &'static str {
        calls.hit("slow");
        tokio::time::sleep(Duration::from_secs(30)).await;
        "too late"
    }
    let timeout =
        || TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_millis(50));
    let origin = "https://app.example.com";

    let calls = Calls::new(&["slow"]);
    let outside = Router::new()
        .route("/slow", cors_routes![slow])
        .layer(timeout())
        .with_state(calls.clone());
    cors_runtime::audit(&outside, ["/slow"])
        .await
        .assert_every_path_has_cors();
    calls.assert_runs(&[]);
    let response = send(&outside, actual("GET", "/slow", Some(origin))).await;
    assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
    assert_cors(response.headers(), &[]);
    calls.assert_runs(&[("slow", 1)]);

    let calls = Calls::new(&["slow"]);
    let inside = Router::new()
        .route("/slow", cors_routes![slow; layers = [timeout()]])
        .with_state(calls.clone());
    cors_runtime::audit(&inside, ["/slow"])
        .await
        .assert_every_path_has_cors();
    let response = send(&inside, actual("GET", "/slow", Some(origin))).await;
    assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
    assert_cors(response.headers(), &[(ACAO, origin)]);
    calls.assert_runs(&[("slow", 1)]);
}
