use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET], max_age = 86401)]
async fn handler() {}

fn main() {}
