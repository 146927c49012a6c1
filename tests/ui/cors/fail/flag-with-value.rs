use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET], credentials = true)]
async fn handler() {}

fn main() {}
