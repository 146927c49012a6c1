use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["x request id"])]
async fn handler() {}

fn main() {}
