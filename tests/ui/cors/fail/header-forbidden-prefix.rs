use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["sec-fetch-mode", "proxy-authorization"])]
async fn handler() {}

fn main() {}
