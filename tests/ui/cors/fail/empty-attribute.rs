use cors_runtime::cors;

#[cors]
async fn handler() {}

fn main() {}
