use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET], credentials, credentials)]
async fn handler() {}

fn main() {}
