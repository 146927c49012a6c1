use cors_runtime::cors;

#[cors(origins = [], methods = [GET])]
async fn handler() {}

fn main() {}
