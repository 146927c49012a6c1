use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET], private_network = false)]
async fn handler() {}

fn main() {}
