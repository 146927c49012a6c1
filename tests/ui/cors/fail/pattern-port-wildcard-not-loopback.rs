use cors_runtime::cors;

#[cors(origins = ["https://api.example.com:*", "http://192.168.1.10:*"], methods = [GET])]
async fn handler() {}

fn main() {}
