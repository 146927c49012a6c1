//! The policy of one annotated handler, as `#[cors]` writes it: a `static` built by
//! `const fn` constructors that establish every invariant the runtime relies on (lower-case
//! token header names, sorted for binary search; `max_age` within its limit; origins in
//! serialized form), so no invariant is left to the macro's good behaviour and an added key
//! is a new constructor, not a breaking change. Reached only through `__private`.

use std::sync::OnceLock;
use std::sync::atomic::AtomicU8;

use cors_rules::entry::Entry;
use cors_rules::header::is_tchar;
use cors_rules::method::MethodSet;
use cors_rules::origin::{Origin, Scheme};
use cors_rules::pattern::OriginPattern;

use crate::compiled::CompiledPolicy;
use crate::startup::{self, Source, Unset};

/// The CORS policy of one handler: its name, its methods, its keys and those of the
/// shared policy it uses, if any. Built by the expansion of `#[cors]` with [`Policy::new`]
/// and [`PolicyKeys`]' constructors; its fields are private.
#[derive(Debug)]
pub struct Policy {
    pub(crate) handler: &'static str,
    pub(crate) methods: MethodSet,
    /// The keys written on the handler.
    pub(crate) own: PolicyKeys,
    /// The keys of `policy = Shared`, which the handler's own add to or override.
    pub(crate) shared: Option<PolicyKeys>,
    /// Built once per process, when the first router mounting the handler is built.
    compiled: OnceLock<CompiledPolicy>,
    /// The kinds of refusal already logged at `warn` for this handler (one bit each).
    pub(crate) warned: AtomicU8,
}

/// The keys of a policy, as written on a handler (`#[cors(...)]`) or on a shared policy
/// (`#[cors_policy(...)]`): plain data, so a shared policy is a constant that compile-time
/// checks can read.
// Not plain `Keys`: with a wrong crate path, rustc would suggest importing std's `Keys`
// (the UI test `crate-key-missing` pins the single clean error).
#[derive(Debug, Clone, Copy)]
pub struct PolicyKeys {
    pub(crate) origins: Origins,
    pub(crate) headers: Names,
    pub(crate) expose: Names,
    pub(crate) credentials: bool,
    pub(crate) max_age: Option<u32>,
    pub(crate) private_network: bool,
    pub(crate) strict: bool,
    pub(crate) allow_insecure_origins: bool,
    /// Lists a plain `http://` origin off loopback (`#[cors_policy]` decides, with the
    /// rule of `cors-rules`), which a handler adding `credentials` must not inherit.
    pub(crate) insecure_origins: bool,
}

/// `origins`: not given (a handler using a shared policy), `"*"`, or a list.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Origins {
    Unset,
    Any,
    List(&'static [AllowedOrigin]),
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
    /// The policy of the fn `handler`, routed on `methods`, with `keys`.
    pub const fn new(handler: &'static str, methods: MethodSet, keys: PolicyKeys) -> Policy {
        Policy {
            handler,
            methods,
            own: keys,
            shared: None,
            compiled: OnceLock::new(),
            warned: AtomicU8::new(0),
        }
    }

    /// `policy = Shared`: the shared policy's keys, which the handler's own add to
    /// (`headers`, `expose`, flags) or override (`max_age`).
    pub const fn shared(mut self, shared: PolicyKeys) -> Policy {
        self.shared = Some(shared);
        self
    }

    /// The keys in force: the handler's own over the shared policy's. `headers` and
    /// `expose` are the handler's when it gives them; the compiled policy merges both
    /// lists ([`merge_names`]), once per process.
    pub(crate) fn keys(&self) -> PolicyKeys {
        let own = self.own;
        let Some(shared) = self.shared else {
            return own;
        };
        PolicyKeys {
            origins: match own.origins {
                Origins::Unset => shared.origins,
                origins => origins,
            },
            headers: first_given(own.headers, shared.headers),
            expose: first_given(own.expose, shared.expose),
            credentials: own.credentials || shared.credentials,
            max_age: own.max_age.or(shared.max_age),
            private_network: own.private_network || shared.private_network,
            strict: own.strict || shared.strict,
            allow_insecure_origins: own.allow_insecure_origins || shared.allow_insecure_origins,
            insecure_origins: own.insecure_origins || shared.insecure_origins,
        }
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

impl PolicyKeys {
    /// No key yet: no origin, no header, no flag.
    pub const fn new() -> PolicyKeys {
        PolicyKeys {
            origins: Origins::Unset,
            headers: Names::None,
            expose: Names::None,
            credentials: false,
            max_age: None,
            private_network: false,
            strict: false,
            allow_insecure_origins: false,
            insecure_origins: false,
        }
    }

    /// `origins = [...]`.
    pub const fn origins(mut self, origins: &'static [AllowedOrigin]) -> PolicyKeys {
        self.origins = Origins::List(origins);
        self
    }

    /// `origins = "*"`.
    pub const fn any_origin(mut self) -> PolicyKeys {
        self.origins = Origins::Any;
        self
    }

    /// `headers = [...]`: lower-case tokens, sorted, each once.
    pub const fn headers(mut self, names: &'static [&'static str]) -> PolicyKeys {
        self.headers = Names::List(sorted_names(names));
        self
    }

    /// `headers = "*"`.
    pub const fn any_header(mut self) -> PolicyKeys {
        self.headers = Names::Any;
        self
    }

    /// `headers = ["*", "authorization"]`: any header, `Authorization` included (Fetch:
    /// `*` never covers it; naming it does).
    pub const fn any_header_and_authorization(mut self) -> PolicyKeys {
        self.headers = Names::AnyAndAuthorization;
        self
    }

    /// `expose = [...]`: lower-case tokens, sorted, each once.
    pub const fn expose(mut self, names: &'static [&'static str]) -> PolicyKeys {
        self.expose = Names::List(sorted_names(names));
        self
    }

    /// `expose = "*"`.
    pub const fn expose_any(mut self) -> PolicyKeys {
        self.expose = Names::Any;
        self
    }

    /// `credentials`.
    pub const fn credentials(mut self) -> PolicyKeys {
        self.credentials = true;
        self
    }

    /// `max_age = seconds`, at most one day.
    pub const fn max_age(mut self, seconds: u32) -> PolicyKeys {
        assert!(
            seconds as u64 <= cors_rules::MAX_AGE_LIMIT,
            "max_age is at most 86400"
        );
        self.max_age = Some(seconds);
        self
    }

    /// `private_network`.
    pub const fn private_network(mut self) -> PolicyKeys {
        self.private_network = true;
        self
    }

    /// `strict`.
    pub const fn strict(mut self) -> PolicyKeys {
        self.strict = true;
        self
    }

    /// `dangerously_allow_insecure_origins`.
    pub const fn allow_insecure_origins(mut self) -> PolicyKeys {
        self.allow_insecure_origins = true;
        self
    }

    /// The origins listed include a plain `http://` one off loopback.
    pub const fn insecure_origins(mut self) -> PolicyKeys {
        self.insecure_origins = true;
        self
    }

    // What the compile-time checks of a handler using a shared policy read.

    /// `origins = "*"`.
    pub const fn allows_any_origin(&self) -> bool {
        matches!(self.origins, Origins::Any)
    }

    /// `credentials`.
    pub const fn has_credentials(&self) -> bool {
        self.credentials
    }

    /// `strict`.
    pub const fn is_strict(&self) -> bool {
        self.strict
    }

    /// A plain `http://` origin off loopback without `dangerously_allow_insecure_origins`.
    pub const fn has_insecure_origins(&self) -> bool {
        self.insecure_origins && !self.allow_insecure_origins
    }

    /// `headers` (`expose` when `exposed`) is `"*"` or `["*", "authorization"]`.
    pub const fn has_wildcard(&self, exposed: bool) -> bool {
        let names = if exposed { self.expose } else { self.headers };
        matches!(names, Names::Any | Names::AnyAndAuthorization)
    }

    /// `headers` (`expose` when `exposed`) is given.
    pub const fn has_names(&self, exposed: bool) -> bool {
        let names = if exposed { self.expose } else { self.headers };
        !matches!(names, Names::None)
    }

    /// `headers` (`expose` when `exposed`) lists `name` (lower case).
    pub const fn lists(&self, exposed: bool, name: &str) -> bool {
        let names = if exposed { self.expose } else { self.headers };
        let Names::List(names) = names else {
            return false;
        };
        let mut i = 0;
        while i < names.len() {
            let listed = names[i].as_bytes();
            if !is_before(listed, name.as_bytes()) && !is_before(name.as_bytes(), listed) {
                return true;
            }
            i += 1;
        }
        false
    }
}

impl Default for PolicyKeys {
    fn default() -> PolicyKeys {
        PolicyKeys::new()
    }
}

fn first_given(own: Names, shared: Names) -> Names {
    match own {
        Names::None => shared,
        own => own,
    }
}

/// A handler's `headers` (or `expose`) added to its shared policy's, for the life of the
/// process. Compile-time checks refuse a wildcard beside anything else and a name in both,
/// so two lists are the only case to join.
pub(crate) fn merge_names(own: Names, shared: Option<Names>) -> Names {
    match (own, shared) {
        (Names::List(own), Some(Names::List(shared))) => {
            let mut all: Vec<&'static str> = own.iter().chain(shared).copied().collect();
            all.sort_unstable();
            all.dedup();
            Names::List(all.leak())
        }
        (Names::None, Some(shared)) => shared,
        (own, _) => own,
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

/// Implemented by `#[cors_policy]` for the struct it is on: the shared policy's keys, for
/// the handlers that name it with `#[cors(policy = Name, ...)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a shared CORS policy: define it with `#[cors_policy(origins = [..], ..)]` on a unit struct",
    label = "not a `#[cors_policy]` struct"
)]
pub trait SharedPolicy {
    /// The keys, checked where they are written.
    const KEYS: PolicyKeys;
}

/// Implemented by [`#[cors]`](macro@crate::cors) for the hidden braced struct that shares
/// the handler's name, so [`cors_routes!`](crate::cors_routes) can mount the handler with
/// its policy.
///
/// Users name it to check a policy's run-time origins before building the router
/// ([`CorsHandler::check_origins`]) or to ask the policy about an origin
/// ([`CorsHandler::allows_origin`]); its other items are `#[cors]`'s own.
///
/// ```
/// use cors_runtime::{CorsHandler, cors};
///
/// #[cors(origins = ["https://app.example.com"], methods = [GET])]
/// async fn feed() {}
///
/// assert!(<feed as CorsHandler>::check_origins().is_ok());
/// ```
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

    fn policy() -> PolicyKeys {
        PolicyKeys::new()
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
        let keys = policy().headers(&["content-type", "x-a"]).max_age(86_400);
        assert!(matches!(keys.headers, Names::List(["content-type", "x-a"])));
        assert_eq!(keys.max_age, Some(86_400));
    }

    #[test]
    fn a_handler_adds_to_its_shared_policy_and_overrides_its_scalars() {
        static SHARED: PolicyKeys = PolicyKeys::new()
            .headers(&["content-type"])
            .credentials()
            .max_age(600);
        let policy = Policy::new(
            "h",
            MethodSet::GET,
            PolicyKeys::new().headers(&["x-a"]).max_age(60),
        )
        .shared(SHARED);
        let keys = policy.keys();
        assert!(keys.credentials);
        assert_eq!(keys.max_age, Some(60));
        assert!(matches!(
            merge_names(keys.headers, policy.shared.map(|s| s.headers)),
            Names::List(["content-type", "x-a"])
        ));
        assert!(SHARED.lists(false, "content-type"));
        assert!(!SHARED.lists(false, "content"));
        assert!(!SHARED.lists(true, "content-type"));
    }
}
