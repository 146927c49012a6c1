//! Layers axum's `Handler::layer` cannot take: `middleware::from_fn` given a fn whose
//! extractor needs the state (`from_fn_with_state` is meant), and an optional layer whose
//! two arms answer with different bodies.
use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use cors_runtime::{cors, cors_routes};
use tower_http::limit::RequestBodyLimitLayer;

#[derive(Clone)]
struct AppState;

async fn require_bearer(State(_state): State<AppState>, request: Request, next: Next) -> Response {
    next.run(request).await
}

#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn create_user(body: String) -> String {
    body
}

fn main() {
    let _app: Router = Router::new()
        .route("/users", cors_routes![create_user(layers = [middleware::from_fn(require_bearer)])])
        .with_state(AppState);
    let limit = tower::util::option_layer(Some(RequestBodyLimitLayer::new(1024)));
    let _app: Router = Router::new().route("/users", cors_routes![create_user; layers = [limit]]);
}
