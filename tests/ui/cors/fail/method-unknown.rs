use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET, PROPFIND])]
async fn handler() {}

fn main() {}
