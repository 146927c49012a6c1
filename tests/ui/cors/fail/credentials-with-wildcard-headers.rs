use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = "*", credentials)]
async fn handler() {}

fn main() {}
