use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET], timeout = 30)]
async fn handler() {}

fn main() {}
