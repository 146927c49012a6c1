//! The policy of one handler, as plain `const` data written by `#[cors]`.
//!
//! Everything here is built by the macro at compile time: lists are sorted, header values
//! are pre-joined strings, so nothing is formatted per request.

use axum::routing::MethodFilter;

/// The CORS policy of one annotated handler.
///
/// `#[cors(...)]` writes one of these as a `const`; `cargo expand` shows it. All lists are
/// sorted so lookups are binary searches.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// The handler's fn name, used in diagnostics.
    pub handler: &'static str,
    /// Which request origins are allowed.
    pub origins: Origins,
    /// The methods the handler is routed on (and the preflight allows).
    pub methods: &'static [CorsMethod],
    /// `Access-Control-Allow-Methods` value of a successful preflight.
    pub allow_methods: &'static str,
    /// Which request headers a preflight may ask for.
    pub allow_headers: AllowHeaders,
    /// `Access-Control-Expose-Headers` value of actual responses, if any.
    pub expose_headers: Option<&'static str>,
    /// Whether `Access-Control-Allow-Credentials: true` is sent.
    pub credentials: bool,
    /// `Access-Control-Max-Age` value of a successful preflight, if any.
    pub max_age: Option<&'static str>,
    /// Whether `Access-Control-Allow-Private-Network: true` may be sent.
    pub private_network: bool,
    /// `strict`: refuse disallowed cross-origin state-changing requests with `403` before
    /// the handler runs.
    pub strict: bool,
    /// `dangerously_allow_insecure_origins`: lets `credentials` go with `http://` origins
    /// other than loopback ones (also for origins read at startup).
    pub allow_insecure_origins: bool,
}

/// The origins a policy allows.
#[derive(Debug, Clone, Copy)]
pub enum Origins {
    /// `origins = "*"`: any origin, answered with the constant `*` (anonymous requests only).
    Any,
    /// The listed entries, in the order written.
    List(&'static [AllowedOrigin]),
}

/// One entry of `origins = [...]`.
#[derive(Debug, Clone, Copy)]
pub enum AllowedOrigin {
    /// A serialized origin, matched byte for byte: `"https://app.example.com"`.
    Exact(&'static str),
    /// `"https://*.example.com"` or `"http://localhost:*"`.
    Pattern(&'static str),
    /// `env("NAME")`: a comma-separated list read once per process, when the first router
    /// mounting the handler is built.
    Env(&'static str),
    /// `from_fn(path)`: a list returned by a function, called once per process, when the first
    /// router mounting the handler is built.
    FromFn(fn() -> Vec<String>),
}

/// The request headers a preflight may ask for.
#[derive(Debug, Clone, Copy)]
pub enum AllowHeaders {
    /// No `headers` key: a preflight asking for any header fails.
    None,
    /// `headers = "*"`: any header except `authorization` (Fetch, CORS-preflight fetch, step 7.8).
    Any,
    /// Listed names.
    List {
        /// Lower-case names, sorted byte-wise.
        names: &'static [&'static str],
        /// The pre-joined `Access-Control-Allow-Headers` value.
        value: &'static str,
    },
}

pub use cors_rules::method::CorsMethod;

/// The axum filter that routes `method`.
pub(crate) const fn filter(method: CorsMethod) -> MethodFilter {
    match method {
        CorsMethod::Get => MethodFilter::GET,
        CorsMethod::Head => MethodFilter::HEAD,
        CorsMethod::Post => MethodFilter::POST,
        CorsMethod::Put => MethodFilter::PUT,
        CorsMethod::Delete => MethodFilter::DELETE,
        CorsMethod::Patch => MethodFilter::PATCH,
    }
}

/// Implemented by `#[cors]` for the hidden braced struct that shares the handler's name.
///
/// `cors_routes![handler]` reads the policy through it; users do not implement it.
pub trait CorsHandler {
    /// The handler's policy.
    const POLICY: &'static Policy;

    /// The policy ready for requests, built once per process (`#[cors]` keeps it in a
    /// `static`).
    #[doc(hidden)]
    fn compiled() -> &'static crate::compiled::CompiledPolicy;
}
