//! `#[cors]` on a method that takes `self`.
use cors_runtime::cors;

struct Api;

impl Api {
    #[cors(origins = ["https://app.example.com"], methods = [GET])]
    async fn list_users(&self) -> &'static str {
        "[]"
    }
}

fn main() {}
