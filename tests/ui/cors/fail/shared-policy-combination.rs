//! Rules that span the handler and its shared policy, on the handler's key, naming the
//! shared policy.
use cors_runtime::{cors, cors_policy};

#[cors_policy(origins = ["https://app.example.com"], headers = ["content-type"], credentials)]
pub struct App;

#[cors_policy(origins = "*")]
pub struct Public;

#[cors(policy = App, methods = [GET], headers = "*")]
async fn list() {}

#[cors(policy = App, methods = [POST], headers = ["content-type"])]
async fn create() {}

#[cors(policy = Public, methods = [PUT], credentials)]
async fn replace() {}

fn main() {}
