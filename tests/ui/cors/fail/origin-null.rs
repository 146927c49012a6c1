use cors_runtime::cors;

#[cors(origins = ["null"], methods = [GET])]
async fn handler() {}

fn main() {}
