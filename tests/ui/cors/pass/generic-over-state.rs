//! A handler generic over its state, mounted for a concrete state with a turbofish, and
//! beside a plain local binding of the same name.

#![deny(warnings)]

use axum::Router;
use axum::extract::State;
use cors_runtime::{cors, cors_routes};

trait Store: Clone + Send + Sync + 'static {
    fn name(&self) -> String;
}

#[derive(Clone)]
struct Memory;

impl Store for Memory {
    fn name(&self) -> String {
        "memory".to_owned()
    }
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users<S: Store>(State(store): State<S>) -> String {
    store.name()
}

#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn create_user<S>(State(_store): State<S>, body: String) -> String
where
    S: Store,
{
    body
}

fn main() {
    let _app: Router = Router::new()
        .route("/users", cors_routes![list_users::<Memory>, create_user::<Memory>])
        .with_state(Memory);
    // A local named like a handler is a new binding, not a pattern.
    let list_users = 3;
    let _ = list_users;
    let _future = create_user::<Memory>::handler(State(Memory), String::new());
}
