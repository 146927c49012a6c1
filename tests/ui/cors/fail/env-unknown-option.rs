use cors_runtime::cors;

#[cors(origins = [env("APP_CORS_ORIGINS", required = false)], methods = [GET])]
async fn handler() {}

fn main() {}
