//! `live(...)` takes the path of a `static` `LiveOrigins`.
use cors_runtime::cors;

static NOT_A_SET: &str = "https://a.example";

#[cors(origins = [live(NOT_A_SET)], methods = [GET])]
async fn wrong_type() {}

#[cors(origins = [live()], methods = [GET])]
async fn empty() {}

#[cors(origins = [live("TENANT_ORIGINS")], methods = [GET])]
async fn quoted() {}

fn main() {}
