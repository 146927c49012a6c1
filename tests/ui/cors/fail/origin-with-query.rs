use cors_runtime::cors;

#[cors(origins = ["https://app.example.com?tab=1"], methods = [GET])]
async fn handler() {}

fn main() {}
