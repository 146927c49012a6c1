//! A policy name that does not exist, and a type that is not a shared policy.
use cors_runtime::{cors, cors_policy};

#[cors_policy(origins = ["https://app.example.com"])]
pub struct AppPolicy;

pub struct NotAPolicy;

#[cors(policy = AppPolicyy, methods = [GET])]
async fn list() {}

#[cors(policy = NotAPolicy, methods = [POST])]
async fn create() {}

fn main() {}
