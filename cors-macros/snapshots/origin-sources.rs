use cors_runtime::cors;

mod config {
    pub fn partner_origins() -> Vec<&'static str> {
        Vec::from(["https://partner.example"])
    }
}

#[cors(
    origins = [
        "https://app.example.com",
        "https://*.preview.example.com",
        "http://localhost:5173",
        "https://*.tenant.example:8443",
        "http://localhost:*",
        env("APP_CORS_ORIGINS"),
        env("DEV_ORIGINS", optional),
        env("PREVIEW_ORIGINS", default = "https://preview.example.com, http://localhost:*"),
        from_fn(config::partner_origins),
    ],
    methods = [POST],
    strict,
)]
pub async fn create_order(body: String) -> String {
    body
}

fn main() {}
