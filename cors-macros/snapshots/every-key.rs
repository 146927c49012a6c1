use cors_runtime::cors;

#[cors(
    origins = ["https://app.example.com", "https://admin.example.com"],
    methods = [PUT, POST],
    headers = ["Content-Type", "authorization"],
    expose = ["x-request-id", "x-ratelimit-remaining"],
    credentials,
    max_age = 600,
    private_network,
)]
pub async fn update_user(body: String) -> String {
    body
}

fn main() {}
