use cors_runtime::cors;

#[cors(origins = "*", methods = [POST], strict)]
async fn handler() {}

fn main() {}
