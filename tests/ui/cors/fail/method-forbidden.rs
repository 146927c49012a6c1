use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET, TRACE, CONNECT])]
async fn handler() {}

fn main() {}
