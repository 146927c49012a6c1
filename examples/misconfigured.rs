//! What a misconfiguration looks like. Uncomment the attribute below and run
//! `cargo build --example misconfigured` to see the compile errors:
//!
//! ```text
//! error: `origins = "*"` cannot be combined with `credentials`: browsers refuse a wildcard origin on credentialed requests; list the allowed origins, e.g. `origins = ["https://app.example.com"]`, or remove `credentials`
//! error: `https://app.example.com/` ends with `/`: browsers send the origin without it, so this never matches; write `https://app.example.com`
//! error: methods are case-sensitive: write `POST`
//! ```

use axum::Router;
use cors_runtime::{cors, cors_routes};

// #[cors(origins = "*", methods = [GET], credentials)]
// async fn wildcard_with_cookies() {}
//
// #[cors(origins = ["https://app.example.com/"], methods = [post])]
// async fn trailing_slash_and_lower_case() {}

/// The corrected form of the two handlers above.
#[cors(origins = ["https://app.example.com"], methods = [GET, POST], credentials)]
async fn fixed() {}

/// The app with the corrected handler.
pub fn app() -> Router {
    Router::new().route("/fixed", cors_routes![fixed])
}

fn main() {
    let _app = app();
    println!("this example compiles; uncomment the policies above to see the errors");
}
