use axum::extract::State;
use cors_runtime::cors;

/// Docs move to `list_users::handler`; the other attributes stay on the fn.
#[cors(origins = ["https://app.example.com"], methods = [GET])]
#[tracing::instrument(skip_all)]
pub async fn list_users<S: Clone + Send + Sync + 'static>(State(_state): State<S>, body: String) -> String {
    body
}

fn main() {}
