use cors_runtime::cors;

#[cors(origins = ["https://app.example.com/api"], methods = [GET])]
async fn handler() {}

fn main() {}
