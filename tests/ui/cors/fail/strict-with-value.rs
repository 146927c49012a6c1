use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [POST], strict = true)]
async fn handler() {}

fn main() {}
