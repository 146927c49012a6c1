//! `CorsHandler` written by hand would skip every compile-time check of the policy.
use cors_runtime::CorsHandler;
use cors_runtime::__private::{MethodSet, Policy, PolicyKeys};

struct Handmade;

impl CorsHandler for Handmade {
    const METHODS: MethodSet = MethodSet::GET;
    const POLICY: &'static Policy = {
        static POLICY: Policy = Policy::new("handmade", MethodSet::GET, PolicyKeys::new().any_origin());
        &POLICY
    };
}

fn main() {}
