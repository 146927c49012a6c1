//! `#[cors]` on an associated fn of an `impl` block (no `self`).
use cors_runtime::cors;

struct Api;

impl Api {
    #[cors(origins = ["https://app.example.com"], methods = [GET])]
    async fn list_users() -> &'static str {
        "[]"
    }
}

fn main() {}
