//! A handler generic over its state, mounted without its type arguments: rustc's
//! "missing generics" (the macro cannot tell that `list_users` is generic before naming
//! it). Its help, `list_users<_>`, then gets `cors_routes!`'s own message
//! (generic-handler-without-colons.rs), which says to write `list_users::<AppState>`.
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
    let _app: Router = Router::new().route("/users", cors_routes![list_users]).with_state(AppState);
}
