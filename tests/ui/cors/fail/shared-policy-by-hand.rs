//! `SharedPolicy` written by hand would skip every compile-time check of its keys.
use cors_runtime::__private::{PolicyKeys, SharedPolicy};

struct Handmade;

impl SharedPolicy for Handmade {
    const KEYS: PolicyKeys = PolicyKeys::new().any_origin().credentials();
}

fn main() {}
