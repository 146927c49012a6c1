// Without `crate = my_cors`, the expansion looks for `::cors_runtime`, which this crate
// does not have under that name.
use my_cors::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn items() -> &'static str {
    "[]"
}

fn main() {}
