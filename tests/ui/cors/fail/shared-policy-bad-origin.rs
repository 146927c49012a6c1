//! A mistake in a shared policy is reported where the policy is written.
use cors_runtime::{cors, cors_policy};

#[cors_policy(origins = ["https://app.example.com/"], headers = ["content-type"])]
pub struct App;

// No second error here.
#[cors(policy = App, methods = [GET])]
async fn list() {}

fn main() {}
