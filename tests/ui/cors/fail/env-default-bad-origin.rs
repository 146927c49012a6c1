use cors_runtime::cors;

// The default is checked like a literal origin, with the policy's keys.
#[cors(
    origins = [env("APP_CORS_ORIGINS", default = "https://app.example.com/, http://intranet.example")],
    methods = [GET],
    credentials,
)]
async fn handler() {}

fn main() {}
