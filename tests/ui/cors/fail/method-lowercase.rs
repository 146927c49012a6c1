use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [get, Post])]
async fn handler() {}

fn main() {}
