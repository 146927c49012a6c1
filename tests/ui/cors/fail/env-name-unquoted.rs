use cors_runtime::cors;

#[cors(origins = [env(APP_CORS_ORIGINS)], methods = [GET])]
async fn handler() {}

fn main() {}
