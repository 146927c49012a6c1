use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET], allow_headers = ["content-type"])]
async fn handler() {}

fn main() {}
