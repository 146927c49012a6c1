//! The validated policy, normalised once: header names lower case and sorted, methods a
//! set, origins checked into `cors-rules`' own [`Entry`] (borrowing from the syntax
//! tree). `valid` builds it, with every decision made; `expand` only prints it.

use proc_macro2::Span;

use cors_rules::entry::Entry;
use cors_rules::method::MethodSet;

/// A policy that passed every check.
pub struct Policy<'a> {
    /// `None`: not given (a handler with `policy = ...`).
    pub origins: Option<Origins<'a>>,
    /// A literal origin is plain `http://` off loopback.
    pub insecure_origins: bool,
    pub methods: MethodSet,
    pub headers: Names,
    pub expose: Names,
    pub credentials: bool,
    pub max_age: Option<u32>,
    pub private_network: bool,
    pub strict: bool,
    pub allow_insecure_origins: bool,
    /// `policy = Path`: the shared policy the handler uses.
    pub shared: Option<syn::Path>,
    /// The rules spanning the handler and its shared policy that rustc evaluates.
    pub shared_checks: Vec<CrossKeyCheck>,
    /// Where `cors-runtime` is (`crate = ...`, or `::cors_runtime`).
    pub krate: syn::Path,
}

pub enum Origins<'a> {
    Any,
    /// In the order written (diagnostics show them so; the runtime sorts what it searches).
    List(Vec<Origin<'a>>),
}

/// One entry of `origins = [...]`.
#[derive(Debug, PartialEq, Eq)]
pub enum Origin<'a> {
    /// A literal origin or pattern, checked at compile time.
    Literal(Entry<'a>),
    /// `env("NAME")`: read and checked when the router is built.
    Env { name: String, unset: Unset<'a> },
    /// `from_fn(path)`: called and checked when the router is built.
    FromFn(syn::Path),
    /// `live(PATH)`: a `static` `LiveOrigins` the application changes while it runs.
    Live(syn::Path),
}

/// What an `env(...)` source gives when its variable is not set.
#[derive(Debug, PartialEq, Eq)]
pub enum Unset<'a> {
    /// `env("NAME")`: a startup error.
    Required,
    /// `env("NAME", optional)`: no origin.
    Optional,
    /// `env("NAME", default = "...")`: these origins, checked at compile time.
    Default(Vec<Entry<'a>>),
}

/// `headers` or `expose`.
#[derive(Debug, PartialEq, Eq)]
pub enum Names {
    None,
    Any,
    /// `headers = ["*", "authorization"]`: any header, `Authorization` included.
    AnyAndAuthorization,
    /// Lower case, sorted, each once.
    List(Vec<String>),
}

impl Names {
    /// The list, normalised: sorted byte-wise (the names are already lower case and
    /// distinct, which validation checked).
    pub fn list(mut names: Vec<String>) -> Names {
        names.sort_unstable();
        Names::List(names)
    }
}

/// A rule spanning a handler's keys and its shared policy's. The handler's macro cannot
/// see the shared policy's keys, only name their constant, so `valid` decides what to
/// ask of it and words the error; rustc asks, and panics with `message` on `span` (the
/// handler's key) when the answer is yes.
pub struct CrossKeyCheck {
    pub span: Span,
    pub question: SharedQuestion,
    pub message: String,
}

/// A question to the shared policy's keys, each a `const fn` of the runtime's
/// `PolicyKeys`; `exposed` picks `expose` over `headers`.
pub enum SharedQuestion {
    AllowsAnyOrigin,
    HasCredentials,
    HasInsecureOrigins,
    HasWildcard { exposed: bool },
    HasNames { exposed: bool },
    Lists { exposed: bool, name: String },
}

impl Policy<'static> {
    /// What is emitted beside compile errors: no origin, no method, so the crate still
    /// compiles around it and no secondary error follows.
    pub fn stub(krate: syn::Path) -> Self {
        Policy {
            origins: Some(Origins::List(Vec::new())),
            insecure_origins: false,
            methods: MethodSet::EMPTY,
            headers: Names::None,
            expose: Names::None,
            credentials: false,
            max_age: None,
            private_network: false,
            strict: false,
            allow_insecure_origins: false,
            shared: None,
            shared_checks: Vec::new(),
            krate,
        }
    }
}

/// `::cors_runtime`, where the runtime is unless `crate = ...` says otherwise.
pub fn default_krate() -> syn::Path {
    syn::parse_quote!(::cors_runtime)
}
