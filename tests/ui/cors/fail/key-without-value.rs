use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods)]
async fn handler() {}

fn main() {}
