use cors_runtime::cors;

#[cors(origins = ["http://localhost:65536"], methods = [GET])]
async fn handler() {}

fn main() {}
