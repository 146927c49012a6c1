use cors_runtime::cors;

#[cors(origins = ["https://app.example.com", foo("x")], methods = [GET])]
async fn handler() {}

fn main() {}
