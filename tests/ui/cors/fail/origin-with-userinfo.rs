use cors_runtime::cors;

#[cors(origins = ["https://admin@app.example.com"], methods = [GET])]
async fn handler() {}

fn main() {}
