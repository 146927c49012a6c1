use cors_runtime::cors;

#[cors(origins = ["https://*"], methods = [GET])]
async fn handler() {}

fn main() {}
