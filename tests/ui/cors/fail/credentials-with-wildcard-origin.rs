use cors_runtime::cors;

#[cors(origins = "*", methods = [GET], credentials)]
async fn handler() {}

fn main() {}
