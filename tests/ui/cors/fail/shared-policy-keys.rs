//! What a shared policy cannot say, and what a handler using one cannot.
use cors_runtime::{cors, cors_policy};

#[cors_policy(origins = ["https://app.example.com"], methods = [GET])]
pub struct WithMethods;

#[cors_policy(headers = ["content-type"])]
pub struct WithoutOrigins;

#[cors_policy(origins = ["https://app.example.com"])]
pub struct App;

#[cors(policy = App, origins = ["https://other.example.com"], methods = [GET])]
async fn list() {}

#[cors_policy(origins = ["https://app.example.com"])]
pub struct WithFields {
    pub origins: Vec<String>,
}

fn main() {}
