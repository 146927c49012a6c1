use cors_runtime::cors;

#[cors(origins = ["https://bücher.example"], methods = [GET])]
async fn handler() {}

fn main() {}
