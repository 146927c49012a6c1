//! The policy of one annotated handler, as `#[cors]` writes it: a `static` built by
//! `const fn` constructors that establish every invariant the runtime relies on (lower-case
//! token header names, sorted for binary search; `max_age` within its limit; origins in
//! serialized form), so no invariant is left to the macro's good behaviour and an added key
//! is a new constructor, not a breaking change. Reached only through `__private`.

use std::sync::OnceLock;

use cors_rules::entry::Entry;
use cors_rules::header::is_tchar;
use cors_rules::method::MethodSet;
use cors_rules::origin::{Origin, Scheme};
use cors_rules::pattern::OriginPattern;

use crate::compiled::CompiledPolicy;
use crate::startup::{self, Source, Unset};

/// The CORS policy of one handler. Built by the expansion of `#[cors]` with
/// [`Policy::new`] and the key methods; its fields are private.
#[derive(Debug)]
pub struct Policy {
    pub(crate) handler: &'static str,
    pub(crate) methods: MethodSet,
    /// `None`: any origin (`origins = "*"`).
    pub(crate) origins: Option<&'static [AllowedOrigin]>,
    pub(crate) headers: Names,
    pub(crate) expose: Names,
    pub(crate) credentials: bool,
    pub(crate) max_age: Option<u32>,
    pub(crate) private_network: bool,
    pub(crate) strict: bool,
    pub(crate) allow_insecure_origins: bool,
    /// Built once per process, when the first router mounting the handler is built.
    compiled: OnceLock<CompiledPolicy>,
}

/// `headers` or `expose`: none, `"*"`, or lower-case names sorted byte-wise.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Names {
    None,
    Any,
    /// `headers = ["*", "authorization"]`.
    AnyAndAuthorization,
    List(&'static [&'static str]),
}

impl Policy {
    /// The policy of the fn `handler`, routed on `methods`, allowing no origin yet.
    pub const fn new(handler: &'static str, methods: MethodSet) -> Policy {
        Policy {
            handler,
            methods,
            origins: Some(&[]),
            headers: Names::None,
            expose: Names::None,
            credentials: false,
            max_age: None,
            private_network: false,
            strict: false,
            allow_insecure_origins: false,
            compiled: OnceLock::new(),
        }
    }

    /// `origins = [...]`.
    pub const fn origins(mut self, origins: &'static [AllowedOrigin]) -> Policy {
        self.origins = Some(origins);
        self
    }

    /// `origins = "*"`.
    pub const fn any_origin(mut self) -> Policy {
        self.origins = None;
        self
    }

    /// `headers = [...]`: lower-case tokens, sorted, each once.
    pub const fn headers(mut self, names: &'static [&'static str]) -> Policy {
        self.headers = Names::List(sorted_names(names));
        self
    }

    /// `headers = "*"`.
    pub const fn any_header(mut self) -> Policy {
        self.headers = Names::Any;
        self
    }

    /// `headers = ["*", "authorization"]`: any header, `Authorization` included (Fetch:
    /// `*` never covers it; naming it does).
    pub const fn any_header_and_authorization(mut self) -> Policy {
        self.headers = Names::AnyAndAuthorization;
        self
    }

    /// `expose = [...]`: lower-case tokens, sorted, each once.
    pub const fn expose(mut self, names: &'static [&'static str]) -> Policy {
        self.expose = Names::List(sorted_names(names));
        self
    }

    /// `expose = "*"`.
    pub const fn expose_any(mut self) -> Policy {
        self.expose = Names::Any;
        self
    }

    /// `credentials`.
    pub const fn credentials(mut self) -> Policy {
        self.credentials = true;
        self
    }

    /// `max_age = seconds`, at most one day.
    pub const fn max_age(mut self, seconds: u32) -> Policy {
        assert!(
            seconds as u64 <= cors_rules::MAX_AGE_LIMIT,
            "max_age is at most 86400"
        );
        self.max_age = Some(seconds);
        self
    }

    /// `private_network`.
    pub const fn private_network(mut self) -> Policy {
        self.private_network = true;
        self
    }

    /// `strict`.
    pub const fn strict(mut self) -> Policy {
        self.strict = true;
        self
    }

    /// `dangerously_allow_insecure_origins`.
    pub const fn allow_insecure_origins(mut self) -> Policy {
        self.allow_insecure_origins = true;
        self
    }

    /// The policy ready for requests, built on first use.
    ///
    /// # Panics
    /// On first use, when the policy's `env(...)` or `from_fn(...)` origins are invalid,
    /// with a [`StartupError`](crate::StartupError) listing every bad entry; nothing is
    /// kept, so the next use checks again.
    pub(crate) fn compiled(&'static self) -> &'static CompiledPolicy {
        self.compiled
            .get_or_init(|| CompiledPolicy::new(self).unwrap_or_else(|e| panic!("{e}")))
    }
}

/// `default`, which must list checked origins and patterns only (no source).
const fn only_checked(default: &'static [AllowedOrigin]) -> &'static [AllowedOrigin] {
    let mut i = 0;
    while i < default.len() {
        assert!(
            matches!(default[i].0, Allowed::Checked(_)),
            "an env default lists origins and patterns only"
        );
        i += 1;
    }
    default
}

/// The invariant of a header name list: lower-case tokens, strictly increasing byte-wise
/// (sorted, no name twice), so a lookup is a binary search.
const fn sorted_names(names: &'static [&'static str]) -> &'static [&'static str] {
    let mut i = 0;
    while i < names.len() {
        let name = names[i].as_bytes();
        let mut j = 0;
        while j < name.len() {
            assert!(
                is_tchar(name[j]) && !name[j].is_ascii_uppercase(),
                "header names are lower-case tokens"
            );
            j += 1;
        }
        assert!(!name.is_empty(), "header names are not empty");
        if i > 0 {
            assert!(
                is_before(names[i - 1].as_bytes(), name),
                "header names are sorted and listed once"
            );
        }
        i += 1;
    }
    names
}

/// `a < b` byte-wise, in a `const fn`.
const fn is_before(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

/// One entry of `origins = [...]`: checked at compile time (an origin or a pattern, kept
/// as its parts), or a source read when the first router is built.
#[derive(Debug, Clone, Copy)]
pub struct AllowedOrigin(pub(crate) Allowed);

#[derive(Debug, Clone, Copy)]
pub(crate) enum Allowed {
    Checked(Entry<'static>),
    Source(Source),
}

impl AllowedOrigin {
    /// `"scheme://host"`, checked by `#[cors]`.
    pub const fn exact(scheme: Scheme, host: &'static str) -> AllowedOrigin {
        AllowedOrigin(Allowed::Checked(Entry::Exact(Origin::from_parts(
            scheme, host, None,
        ))))
    }

    /// `"scheme://host:port"`, checked by `#[cors]`.
    pub const fn exact_with_port(scheme: Scheme, host: &'static str, port: u16) -> AllowedOrigin {
        AllowedOrigin(Allowed::Checked(Entry::Exact(Origin::from_parts(
            scheme,
            host,
            Some(port),
        ))))
    }

    /// `"scheme://*.domain"`, checked by `#[cors]`.
    pub const fn subdomains(scheme: Scheme, domain: &'static str) -> AllowedOrigin {
        AllowedOrigin::subdomains_of(scheme, domain, None)
    }

    /// `"scheme://*.domain:port"`, checked by `#[cors]`.
    pub const fn subdomains_with_port(
        scheme: Scheme,
        domain: &'static str,
        port: u16,
    ) -> AllowedOrigin {
        AllowedOrigin::subdomains_of(scheme, domain, Some(port))
    }

    const fn subdomains_of(
        scheme: Scheme,
        domain: &'static str,
        port: Option<u16>,
    ) -> AllowedOrigin {
        assert!(!domain.is_empty(), "a pattern names a domain");
        AllowedOrigin(Allowed::Checked(Entry::Pattern(
            OriginPattern::Subdomains {
                scheme,
                domain,
                port,
            },
        )))
    }

    /// `"scheme://host:*"`, checked by `#[cors]`.
    pub const fn any_port(scheme: Scheme, host: &'static str) -> AllowedOrigin {
        assert!(!host.is_empty(), "a pattern names a host");
        AllowedOrigin(Allowed::Checked(Entry::Pattern(OriginPattern::AnyPort {
            scheme,
            host,
        })))
    }

    /// `env("NAME")`: a comma-separated list, read and checked once per process; unset is
    /// a startup error.
    pub const fn env(name: &'static str) -> AllowedOrigin {
        AllowedOrigin(Allowed::Source(Source::env(name, Unset::Required)))
    }

    /// `env("NAME", optional)`: as [`AllowedOrigin::env`], but unset gives no origin.
    pub const fn env_optional(name: &'static str) -> AllowedOrigin {
        AllowedOrigin(Allowed::Source(Source::env(name, Unset::Optional)))
    }

    /// `env("NAME", default = "...")`: as [`AllowedOrigin::env`], but unset gives
    /// `default`, origins and patterns checked by `#[cors]`.
    pub const fn env_or(name: &'static str, default: &'static [AllowedOrigin]) -> AllowedOrigin {
        AllowedOrigin(Allowed::Source(Source::env(
            name,
            Unset::Default(only_checked(default)),
        )))
    }

    /// `from_fn(path)`: a list returned by a function, called and checked once per process.
    pub const fn from_fn(function: fn() -> Vec<String>) -> AllowedOrigin {
        AllowedOrigin(Allowed::Source(Source::from_fn(function)))
    }
}

/// Implemented by `#[cors]` for the hidden braced struct that shares the handler's name,
/// so [`cors_routes!`](crate::cors_routes) can mount the handler with its policy.
///
/// Users name it only to check a policy's run-time origins before building the router
/// ([`CorsHandler::check_origins`]); its other items are `#[cors]`'s own.
pub trait CorsHandler {
    /// The methods the handler is routed on (read at compile time by `cors_routes!`).
    #[doc(hidden)]
    const METHODS: MethodSet;

    /// The handler's policy, in a `static` (a constant holding a reference to it, so no
    /// code is generated per handler to reach it).
    #[doc(hidden)]
    const POLICY: &'static Policy;

    /// Reads and checks the origins the policy takes from `env(...)` or `from_fn(...)`,
    /// exactly as building a router that mounts the handler does, and returns every
    /// problem instead of panicking.
    ///
    /// ```
    /// use cors_runtime::{CorsHandler, cors};
    ///
    /// #[cors(origins = [env("DOC_EXAMPLE_PARTNER_ORIGINS")], methods = [GET])]
    /// async fn partners() {}
    ///
    /// // The variable is not set here, so the router would panic; this says why instead.
    /// let error = <partners as CorsHandler>::check_origins().unwrap_err();
    /// assert!(error.to_string().contains("DOC_EXAMPLE_PARTNER_ORIGINS is not set"));
    /// ```
    fn check_origins() -> Result<(), crate::StartupError> {
        startup::check(Self::POLICY)
    }

    /// Whether the handler's policy allows `origin`, the value of a request's `Origin`
    /// header: the same byte-exact match the CORS answers use, for code that must decide
    /// by itself (a server-sent events stream, a custom upgrade protocol, logging).
    /// `origins = "*"` allows every origin.
    ///
    /// ```
    /// use axum::http::HeaderValue;
    /// use cors_runtime::{CorsHandler, cors};
    ///
    /// #[cors(origins = ["https://app.example.com", "https://*.preview.example.com"], methods = [GET])]
    /// async fn events() {}
    ///
    /// let allows = |origin| <events as CorsHandler>::allows_origin(&HeaderValue::from_static(origin));
    /// assert!(allows("https://app.example.com"));
    /// assert!(allows("https://pr-7.preview.example.com"));
    /// assert!(!allows("https://app.example.com.evil.example"));
    /// ```
    ///
    /// # Panics
    /// Like building a router that mounts the handler, on the first use when the policy's
    /// `env(...)` or `from_fn(...)` origins are invalid (see [`CorsHandler::check_origins`]).
    fn allows_origin(origin: &http::HeaderValue) -> bool {
        match &Self::POLICY.compiled().origins {
            None => true,
            Some(set) => set.find(origin).is_some(),
        }
    }
}

/// The constructors refuse what the runtime could not work with. In the `static` that
/// `#[cors]` writes, each of these panics is a compile error; here they run as code.
#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy::new("h", MethodSet::EMPTY)
    }

    #[test]
    #[should_panic(expected = "header names are sorted and listed once")]
    fn unsorted_names() {
        policy().headers(&["x-b", "x-a"]);
    }

    #[test]
    #[should_panic(expected = "header names are sorted and listed once")]
    fn a_name_twice() {
        policy().expose(&["x-a", "x-a"]);
    }

    #[test]
    #[should_panic(expected = "header names are lower-case tokens")]
    fn upper_case_names() {
        policy().headers(&["Content-Type"]);
    }

    #[test]
    #[should_panic(expected = "max_age is at most 86400")]
    fn max_age_over_a_day() {
        policy().max_age(86_401);
    }

    #[test]
    #[should_panic(expected = "no port 0 and no default port")]
    fn an_origin_with_its_default_port() {
        AllowedOrigin::exact_with_port(Scheme::Https, "a.example", 443);
    }

    #[test]
    fn sorted_lower_case_names_are_kept() {
        let policy = policy().headers(&["content-type", "x-a"]).max_age(86_400);
        assert!(matches!(
            policy.headers,
            Names::List(["content-type", "x-a"])
        ));
        assert_eq!(policy.max_age, Some(86_400));
    }
}
