use cors_runtime::cors;

// With credentials a browser reads `*` as a header named `*`: list the names instead.
#[cors(
    origins = ["https://app.example.com"],
    methods = [GET],
    headers = ["*", "authorization"],
    credentials,
)]
async fn handler() {}

fn main() {}
