use cors_runtime::cors;

#[cors(origins = [env("1BAD"), env("APP-ORIGINS")], methods = [GET])]
async fn handler() {}

fn main() {}
