use cors_runtime::cors;

#[cors(
    origins = ["http://localhost:5173", "http://intranet.example.com"],
    methods = [GET, DELETE],
    credentials,
    dangerously_allow_insecure_origins,
)]
async fn session() {}

fn main() {}
