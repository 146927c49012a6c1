use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET], methods = [POST])]
async fn handler() {}

fn main() {}
