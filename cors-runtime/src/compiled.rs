//! A policy turned into ready header values, once per process, when the first router
//! mounting its handler is built.

use std::sync::OnceLock;

use http::HeaderValue;

use crate::origin::OriginSet;
use crate::policy::{AllowHeaders, Policy};
use crate::startup;

/// [`Policy`] plus every header value it can send.
///
/// Values come from `HeaderValue::from_static` on strings the macro joined at compile
/// time, so answering a request only clones them (no formatting, no allocation).
#[derive(Debug)]
pub struct CompiledPolicy {
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
    fn new(policy: &'static Policy) -> CompiledPolicy {
        let origins = startup::resolve(policy).unwrap_or_else(|e| panic!("{e}"));
        CompiledPolicy {
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
        }
    }
}

/// Where `#[cors]` keeps its handler's [`CompiledPolicy`]: one `static` per handler, so
/// the request path names the policy by type and its layers are zero-sized (axum clones
/// a handler's boxed service per request, which allocates unless it is zero-sized).
#[doc(hidden)]
#[derive(Debug)]
pub struct CompiledCell(OnceLock<CompiledPolicy>);

impl CompiledCell {
    /// An empty cell, for a `static`.
    pub const fn new() -> CompiledCell {
        CompiledCell(OnceLock::new())
    }

    /// The compiled policy, built on first use.
    ///
    /// # Panics
    /// On first use, when the policy's `env(...)` or `from_fn(...)` origins are invalid
    /// (see [`CompiledPolicy`]); the cell stays empty, so the next use checks again.
    pub fn get(&'static self, policy: &'static Policy) -> &'static CompiledPolicy {
        self.0.get_or_init(|| CompiledPolicy::new(policy))
    }
}

impl Default for CompiledCell {
    fn default() -> Self {
        Self::new()
    }
}
