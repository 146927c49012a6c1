use cors_runtime::cors;

#[cors(origins = "*", methods = [GET, HEAD], headers = "*", expose = "*", max_age = 86400)]
async fn public_data() -> &'static str {
    "{}"
}

fn main() {}
