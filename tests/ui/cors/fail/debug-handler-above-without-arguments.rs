//! `#[debug_handler]` above `#[cors]`, on a handler without arguments: `#[debug_handler]`
//! expands first and calls the name, which is no longer the fn. `#[cors]` cannot tell (it
//! sees the fn as `#[debug_handler]` passes it on, without that attribute), so this is
//! rustc's error; the fix is to put `#[cors]` first.
use axum_macros::debug_handler;
use cors_runtime::cors;

#[debug_handler]
#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_users() -> &'static str {
    "[]"
}

fn main() {}
