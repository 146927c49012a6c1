use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

fn main() {}
