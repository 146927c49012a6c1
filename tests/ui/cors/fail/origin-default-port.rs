use cors_runtime::cors;

#[cors(origins = ["https://app.example.com:443"], methods = [GET])]
async fn handler() {}

fn main() {}
