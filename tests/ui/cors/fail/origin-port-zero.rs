use cors_runtime::cors;

#[cors(origins = ["http://localhost:0"], methods = [GET])]
async fn handler() {}

fn main() {}
