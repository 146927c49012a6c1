use cors_runtime::cors;

#[cors(origins = ["app.example.com"], methods = [GET])]
async fn handler() {}

fn main() {}
