use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET], expose = "*", credentials)]
async fn handler() {}

fn main() {}
