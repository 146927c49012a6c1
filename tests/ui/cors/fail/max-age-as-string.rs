use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET], max_age = "600")]
async fn handler() {}

fn main() {}
