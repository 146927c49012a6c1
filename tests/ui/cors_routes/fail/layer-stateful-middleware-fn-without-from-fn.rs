//! A middleware fn taking `State`, given to a handler's `layers` without
//! `middleware::from_fn_with_state(..)`, in a router generic over nothing but its state.
use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use cors_runtime::{cors, cors_routes};

#[derive(Clone)]
struct AppState;

mod auth {
    use super::*;

    pub async fn require_bearer(State(_state): State<AppState>, request: Request, next: Next) -> Response {
        next.run(request).await
    }
}

#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn create_user(body: String) -> String {
    body
}

fn main() {
    let _app: Router = Router::new()
        .route("/users", cors_routes![create_user(layers = [auth::require_bearer])])
        .with_state(AppState);
}
