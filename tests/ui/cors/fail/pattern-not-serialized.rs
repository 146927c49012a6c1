use cors_runtime::cors;

#[cors(origins = ["https://*.Example.com", "https://*.example.com/", "http://localhost:*/"], methods = [GET])]
async fn handler() {}

fn main() {}
