//! A handler's policy in its `static` ([`Policy`]) and the form it takes once per process,
//! when the first router mounting the handler is built ([`CompiledPolicy`]): every header
//! value it can send, ready, and its origins ready for matching.

use std::sync::OnceLock;
use std::sync::atomic::AtomicU8;

use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_MAX_AGE, CONTENT_LENGTH, ORIGIN, VARY,
};
use http::{HeaderMap, HeaderValue};

use cors_rules::method::MethodSet;

use crate::cors_headers::{ANY, TRUE};
use crate::definition::{Definition, merge_names};
use crate::keys::{Names, PolicyKeys};
use crate::origin::{self, OriginSet, OriginVerdict};
use crate::request_headers::AllowedHeaders;
use crate::sent::Sent;
use crate::startup::{self, StartupError};
use crate::vary::VARY_PREFLIGHT;

/// The policy of one annotated handler, in the `static` that `#[cors]` writes: what was
/// written (a `Definition`), built by `const fn`s, and the per-process state beside it.
/// Reached only through `__private`; its fields are private.
#[derive(Debug)]
pub struct Policy {
    pub(crate) definition: Definition,
    /// Built once per process, when the first router mounting the handler is built.
    compiled: OnceLock<CompiledPolicy>,
    /// The kinds of refusal already logged at `warn` for this handler (one bit each).
    warned: AtomicU8,
}

impl Policy {
    /// The policy of the fn `handler`, routed on `methods`, with `keys`.
    pub const fn new(handler: &'static str, methods: MethodSet, keys: PolicyKeys) -> Policy {
        Policy {
            definition: Definition::new(handler, methods, keys),
            compiled: OnceLock::new(),
            warned: AtomicU8::new(0),
        }
    }

    /// `policy = Shared`: the shared policy's keys, which the handler's own add to
    /// (`headers`, `expose`, flags) or override (`max_age`).
    pub const fn shared(mut self, shared: PolicyKeys) -> Policy {
        self.definition = self.definition.shared(shared);
        self
    }

    /// The policy ready for requests, built on first use.
    ///
    /// # Panics
    /// On first use, when the policy's `env(...)` or `from_fn(...)` origins are invalid,
    /// with a [`StartupError`] listing every bad entry; nothing is kept, so the next use
    /// checks again.
    #[inline]
    pub(crate) fn compiled(&'static self) -> &'static CompiledPolicy {
        self.compiled
            .get_or_init(|| CompiledPolicy::new(self).unwrap_or_else(|e| panic!("{e}")))
    }
}

/// [`Policy`] plus every header value it can send.
///
/// Values are `HeaderValue::from_static` on strings joined here once and kept for the
/// life of the process, so answering a request only copies them (no formatting, no
/// allocation, no reference count).
#[derive(Debug)]
pub(crate) struct CompiledPolicy {
    pub(crate) definition: &'static Definition,
    /// The kinds of refusal already logged at `warn` for this handler (one bit each).
    pub(crate) warned: &'static AtomicU8,
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
    fn new(holder: &'static Policy) -> Result<CompiledPolicy, StartupError> {
        let policy = &holder.definition;
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
            definition: policy,
            warned: &holder.warned,
            keys,
            origins,
            allowed_preflight,
            allowed_headers: AllowedHeaders::new(keys.headers),
            expose_headers: names_value(keys.expose),
        })
    }

    /// The verdict on the request's `Origin` header; two `Origin` lines never match.
    #[inline]
    pub(crate) fn check_origin(&self, headers: &HeaderMap) -> OriginVerdict {
        // An any-origin policy answers `*` whatever was sent: no lookup.
        if self.origins.is_none() {
            return OriginVerdict::Any;
        }
        origin::verdict(self.origins.as_ref(), Sent::of(headers.get_all(ORIGIN)))
    }

    /// [`check_origin`](Self::check_origin) on the `Origin` lines already found.
    #[inline]
    pub(crate) fn check_sent_origin(&self, origin: Sent<'_>) -> OriginVerdict {
        origin::verdict(self.origins.as_ref(), origin)
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

/// `content-length` of an empty body.
const ZERO: HeaderValue = HeaderValue::from_static("0");

/// Every line of an allowed preflight's answer under one policy (Fetch, CORS protocol,
/// "HTTP responses"), in the
/// order they are sent. Built once per policy: answering clones it, two allocations and a
/// copy of static values, instead of hashing and inserting each line.
///
/// `Access-Control-Allow-Origin` holds `*` for an any-origin policy and otherwise an
/// empty placeholder, which each answer overwrites with the origin it allows (empty, it
/// would fail closed). The map ends with the `content-length: 0` axum's router would add
/// to an empty body: listed here, it makes axum add nothing, so the clone, which has room
/// for exactly its lines, does not grow (only a Private Network Access line, when a
/// policy opts in and a preflight asks, makes it). hyper drops that line from a `204`.
fn allowed_preflight_headers(
    any_origin: bool,
    allow_methods: HeaderValue,
    allow_headers: Option<HeaderValue>,
    credentials: bool,
    max_age: Option<HeaderValue>,
) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.append(VARY, VARY_PREFLIGHT);
    let origin = if any_origin {
        ANY
    } else {
        HeaderValue::from_static("")
    };
    headers.append(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.append(ACCESS_CONTROL_ALLOW_METHODS, allow_methods);
    if let Some(allow_headers) = allow_headers {
        headers.append(ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
    }
    if credentials {
        headers.append(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
    }
    if let Some(max_age) = max_age {
        headers.append(ACCESS_CONTROL_MAX_AGE, max_age);
    }
    headers.append(CONTENT_LENGTH, ZERO);
    headers
}
