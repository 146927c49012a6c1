use cors_runtime::cors;

#[cors(origins = ["https://App.Example.com"], methods = [GET])]
async fn handler() {}

fn main() {}
