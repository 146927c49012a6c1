use cors_runtime::cors;

#[cors(origins = [from_fn("config::allowed_origins")], methods = [GET])]
async fn handler() {}

fn main() {}
