//! A handler generic over its state, given its type arguments as in a type (`list<S>`)
//! rather than as in an expression (`list::<S>`), and with `_`, which rustc's "missing
//! generics" help suggests.
use axum::Router;
use axum::extract::State;
use cors_runtime::{cors, cors_routes};

#[derive(Clone)]
struct AppState;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users<S: Clone + Send + Sync + 'static>(State(_state): State<S>) -> &'static str {
    "[]"
}

fn main() {
    let _app: Router = Router::new().route("/a", cors_routes![list_users<AppState>]).with_state(AppState);
    let _app: Router = Router::new().route("/b", cors_routes![list_users<_>]).with_state(AppState);
}
