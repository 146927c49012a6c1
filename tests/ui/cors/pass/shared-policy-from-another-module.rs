//! A shared policy defined in one module, `pub`, used by handlers in others: imported, by
//! path, by `crate::` path; one adds a header, one overrides `max_age`.

#![deny(warnings)]

use axum::Router;
use cors_runtime::cors_routes;

mod policies {
    use cors_runtime::cors_policy;

    /// The app.
    #[cors_policy(origins = ["https://app.example.com"], headers = ["content-type"], credentials, max_age = 600)]
    pub struct App;
}

mod items {
    use cors_runtime::cors;

    use crate::policies::App;

    #[cors(policy = App, methods = [GET])]
    pub async fn list() -> &'static str {
        "[]"
    }

    #[cors(policy = crate::policies::App, methods = [POST], headers = ["x-idempotency-key"], max_age = 60)]
    pub async fn create(body: String) -> String {
        body
    }
}

fn main() {
    let _app: Router = Router::new().route("/items", cors_routes![items::list, items::create]);
}
