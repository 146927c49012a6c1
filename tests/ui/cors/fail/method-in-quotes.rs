use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = ["GET", "post"])]
async fn handler() {}

fn main() {}
