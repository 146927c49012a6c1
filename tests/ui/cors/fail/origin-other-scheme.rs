use cors_runtime::cors;

#[cors(origins = ["ws://app.example.com"], methods = [GET])]
async fn handler() {}

fn main() {}
