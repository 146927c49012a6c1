use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["access-control-allow-origin"], expose = ["access-control-max-age"])]
async fn handler() {}

fn main() {}
