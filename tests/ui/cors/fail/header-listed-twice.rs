use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["content-type", "Content-Type"])]
async fn handler() {}

fn main() {}
