//! The name is not the fn any more: a test calls `list_users::handler(..)`.
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

fn main() {
    let _future = list_users();
}
