use axum::Router;
use cors_runtime::{cors, cors_routes};

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list() {}

#[cors(origins = ["https://app.example.com"], methods = [POST, DELETE])]
async fn create_or_clear() {}

mod admin {
    use cors_runtime::cors;

    #[cors(origins = ["https://admin.example.com"], methods = [DELETE])]
    pub async fn remove<S: Clone + Send + Sync + 'static>() {}
}

fn main() {
    let _app: Router = Router::new().route(
        "/items",
        cors_routes![list, create_or_clear, admin::remove::<()>],
    );
}
