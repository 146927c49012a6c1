use cors_runtime::cors;

#[cors(origins = env(), methods = [GET])]
async fn handler() {}

fn main() {}
