//! A policy turned into ready header values, once, when the router is built.

use std::sync::Arc;

use http::HeaderValue;

use crate::policy::{AllowHeaders, Origins, Policy};

/// [`Policy`] plus every header value it can send, built once per router.
///
/// Values come from `HeaderValue::from_static` on strings the macro joined at compile
/// time, so answering a request only clones them (no formatting, no allocation).
#[derive(Debug)]
pub(crate) struct CompiledPolicy {
    pub(crate) policy: &'static Policy,
    /// Parallel to `Origins::Exact`: the value echoed for each allowed origin.
    pub(crate) origin_values: Box<[HeaderValue]>,
    pub(crate) allow_methods: HeaderValue,
    pub(crate) allow_headers: Option<HeaderValue>,
    pub(crate) expose_headers: Option<HeaderValue>,
    pub(crate) max_age: Option<HeaderValue>,
}

impl CompiledPolicy {
    /// Panics only on a hand-written policy with invalid header bytes; `#[cors]` never
    /// writes one (its values are validated at compile time).
    pub(crate) fn new(policy: &'static Policy) -> Arc<CompiledPolicy> {
        let origin_values = match policy.origins {
            Origins::Any => Box::default(),
            Origins::Exact(list) => list.iter().map(|o| HeaderValue::from_static(o)).collect(),
        };
        Arc::new(CompiledPolicy {
            policy,
            origin_values,
            allow_methods: HeaderValue::from_static(policy.allow_methods),
            allow_headers: match policy.allow_headers {
                AllowHeaders::None => None,
                AllowHeaders::Any => Some(HeaderValue::from_static("*")),
                AllowHeaders::List { value, .. } => Some(HeaderValue::from_static(value)),
            },
            expose_headers: policy.expose_headers.map(HeaderValue::from_static),
            max_age: policy.max_age.map(HeaderValue::from_static),
        })
    }
}
