use cors_runtime::cors;

#[cors(origins = ["https://*.example.com", "http://*.example.com"], methods = [GET], credentials)]
async fn handler() {}

fn main() {}
