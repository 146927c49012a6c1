//! `cors_runtime::audit` pins the CORS policy of a whole API: several paths, a nested
//! router, a shared policy, origins from a function, any-origin, middleware inside a
//! policy, and a route without CORS. The audit only asks (preflights): no handler and no
//! layer inside a policy runs.

mod support;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use cors_runtime::{cors, cors_policy, cors_routes};

use support::Calls;

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
  no CORS policy
/api/missing
  no CORS policy
"
    );
    let todos = &audit.routes[0].policies[1];
    assert_eq!(todos.handler, "create_todo");
    assert_eq!(todos.methods, ["POST"]);
    assert!(todos.credentials && todos.strict);
    calls.assert_runs(&[]);
}

/// Router-wide auth that lets preflights pass (`is_preflight`) lets the audit through;
/// one that refuses every request without a token hides the paths behind it.
#[tokio::test]
async fn router_wide_auth_that_lets_preflights_pass_lets_the_audit_through() {
    async fn lets_preflights_pass(request: Request, next: Next) -> Response {
        if cors_runtime::is_preflight(&request) {
            next.run(request).await
        } else {
            axum::http::StatusCode::UNAUTHORIZED.into_response()
        }
    }
    async fn refuses_everything(_: Request, _: Next) -> Response {
        axum::http::StatusCode::UNAUTHORIZED.into_response()
    }
    use axum::response::IntoResponse;

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
    assert_eq!(audit.to_string(), "/status\n  no CORS policy\n");
    calls.assert_runs(&[]);
}
