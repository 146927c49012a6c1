use cors_runtime::cors;

struct Api;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
impl Api {
    async fn handler() {}
}

fn main() {}
