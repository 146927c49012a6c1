//! The policies of one path, by method: what its OPTIONS endpoint answers preflights
//! with, and what an audit reads.

use axum::routing::MethodFilter;

use crate::compiled::CompiledPolicy;
use cors_rules::method::{CorsMethod, MethodSet};

/// The policy of each method routed on one path, indexed by [`CorsMethod::index`].
/// Small and `Copy`: the preflight endpoint holds it by value, so axum's per-request
/// clone of the endpoint copies a few words and touches no reference count.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PreflightTable {
    pub(crate) by_method: [Option<&'static CompiledPolicy>; CorsMethod::ALL.len()],
    /// Every method routed on the path, HEAD with GET.
    pub(crate) routed: MethodSet,
}

impl PreflightTable {
    /// Records `policy` for every method a router answers with its handler
    /// ([`MethodSet::routed`]: HEAD with GET, unless a handler of its own has HEAD); the
    /// filter routing its methods, if it has any. Not generic over the handler, so it is
    /// compiled once, not once per handler.
    pub(crate) fn add(&mut self, policy: &'static CompiledPolicy) -> Option<MethodFilter> {
        let own = policy.definition.methods;
        for method in own.routed().iter() {
            let slot = &mut self.by_method[method.index()];
            if own.contains(method) || slot.is_none() {
                *slot = Some(policy);
            }
        }
        self.routed = self.routed.union(own.routed());
        own.iter().map(method_filter).reduce(MethodFilter::or)
    }
}

/// The axum filter that routes `method`.
fn method_filter(method: CorsMethod) -> MethodFilter {
    match method {
        CorsMethod::Get => MethodFilter::GET,
        CorsMethod::Head => MethodFilter::HEAD,
        CorsMethod::Post => MethodFilter::POST,
        CorsMethod::Put => MethodFilter::PUT,
        CorsMethod::Delete => MethodFilter::DELETE,
        CorsMethod::Patch => MethodFilter::PATCH,
    }
}
