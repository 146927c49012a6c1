use cors_runtime::cors;

/// Returns one origin, not a list of them.
fn allowed_origin() -> &'static str {
    "https://app.example.com"
}

#[cors(origins = [from_fn(allowed_origin)], methods = [GET])]
async fn handler() {}

fn main() {}
