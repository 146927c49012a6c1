//! A policy turned into ready header values, once per process, when the first router
//! mounting its handler is built.

use http::{HeaderMap, HeaderValue};

use crate::origin::OriginSet;
use crate::policy::{Names, Policy, PolicyKeys, merge_names};
use crate::preflight::allowed_preflight_headers;
use crate::request_headers::AllowedHeaders;
use crate::startup::{self, StartupError};

/// [`Policy`] plus every header value it can send.
///
/// Values are `HeaderValue::from_static` on strings joined here once and kept for the
/// life of the process, so answering a request only copies them (no formatting, no
/// allocation, no reference count).
#[derive(Debug)]
pub(crate) struct CompiledPolicy {
    pub(crate) policy: &'static Policy,
    /// The keys in force (the handler's over its shared policy's), lists merged.
    pub(crate) keys: PolicyKeys,
    /// The allowed origins; `None` for an any-origin policy.
    pub(crate) origins: Option<OriginSet>,
    /// The answer's lines for an allowed preflight, cloned by each answer.
    pub(crate) allowed_preflight: HeaderMap,
    /// `keys.headers`, ready for checking a preflight's requested names.
    pub(crate) allowed_headers: AllowedHeaders,
    pub(crate) expose_headers: Option<HeaderValue>,
}

impl CompiledPolicy {
    /// Reads `env(...)` and `from_fn(...)` origins and checks them; builds the values.
    pub(crate) fn new(policy: &'static Policy) -> Result<CompiledPolicy, StartupError> {
        let mut keys = policy.keys();
        keys.headers = merge_names(policy.own.headers, policy.shared.map(|s| s.headers));
        keys.expose = merge_names(policy.own.expose, policy.shared.map(|s| s.expose));
        let origins = startup::resolve(policy)?;
        let allowed_preflight = allowed_preflight_headers(
            origins.is_none(),
            value(policy.methods.routed().join()),
            names_value(keys.headers),
            keys.credentials,
            keys.max_age.map(|seconds| value(seconds.to_string())),
        );
        Ok(CompiledPolicy {
            policy,
            keys,
            origins,
            allowed_preflight,
            allowed_headers: AllowedHeaders::new(keys.headers),
            expose_headers: names_value(keys.expose),
        })
    }
}

/// `Access-Control-Allow-Headers` or `-Expose-Headers`: `*` or the names joined.
fn names_value(names: Names) -> Option<HeaderValue> {
    match names {
        Names::None => None,
        Names::Any => Some(HeaderValue::from_static("*")),
        // Fetch, CORS-preflight fetch: `*` for every name, `authorization` by name.
        Names::AnyAndAuthorization => Some(HeaderValue::from_static("*, authorization")),
        Names::List(names) => Some(value(names.join(", "))),
    }
}

/// A value for the life of the process: method names, tokens and digits are valid bytes.
fn value(text: String) -> HeaderValue {
    HeaderValue::from_static(text.leak())
}
