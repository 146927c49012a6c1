//! A policy turned into ready header values, once, when the router is built.

use std::sync::Arc;

use http::HeaderValue;

use crate::origin::OriginSet;
use crate::policy::{AllowHeaders, Policy};
use crate::startup;

/// [`Policy`] plus every header value it can send, built once per router.
///
/// Values come from `HeaderValue::from_static` on strings the macro joined at compile
/// time, so answering a request only clones them (no formatting, no allocation).
#[derive(Debug)]
pub(crate) struct CompiledPolicy {
    pub(crate) policy: &'static Policy,
    /// The allowed origins; `None` for an any-origin policy.
    pub(crate) origins: Option<OriginSet>,
    pub(crate) allow_methods: HeaderValue,
    pub(crate) allow_headers: Option<HeaderValue>,
    pub(crate) expose_headers: Option<HeaderValue>,
    pub(crate) max_age: Option<HeaderValue>,
}

impl CompiledPolicy {
    /// Reads `env(...)` and `from_fn(...)` origins and checks them.
    ///
    /// # Panics
    /// With a [`startup::StartupError`] listing every bad origin entry, so a bad
    /// environment stops the server before it serves anything. Also on a hand-written
    /// policy with invalid header bytes, which `#[cors]` never writes.
    pub(crate) fn new(policy: &'static Policy) -> Arc<CompiledPolicy> {
        let origins = startup::resolve(policy).unwrap_or_else(|e| panic!("{e}"));
        Arc::new(CompiledPolicy {
            policy,
            origins,
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
