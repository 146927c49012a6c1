//! An annotated handler imported with `use`, or re-exported with `pub use`, and mounted
//! with `cors_routes!` compiles without a warning (`deny(warnings)` turns one into an
//! error).
#![deny(warnings)]

use axum::Router;
use cors_runtime::cors_routes;

mod handlers {
    use cors_runtime::cors;

    #[cors(origins = ["https://app.example.com"], methods = [GET])]
    pub async fn list_todos() -> &'static str {
        "[]"
    }

    #[cors(origins = ["https://app.example.com"], methods = [POST])]
    pub async fn create_todo(body: String) -> String {
        body
    }
}

pub mod api {
    pub use crate::handlers::create_todo;
}

use api::create_todo;
use handlers::list_todos;

fn main() {
    let _app: Router = Router::new().route("/todos", cors_routes![list_todos, create_todo]);
}
