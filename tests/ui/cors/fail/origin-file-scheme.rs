use cors_runtime::cors;

#[cors(origins = ["file:///home/me/index.html"], methods = [GET])]
async fn handler() {}

fn main() {}
