use cors_runtime::cors;

#[cors(origins = [APP_ORIGIN], methods = [GET])]
async fn handler() {}

fn main() {}
