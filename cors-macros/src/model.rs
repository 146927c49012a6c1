//! The validated policy, normalised once: header names lower case and sorted, methods a
//! set, origins as their parts. `expand` only prints it.

use cors_rules::method::MethodSet;
use cors_rules::origin::Scheme;

/// A policy that passed every check.
pub struct Policy {
    /// `None`: not given (a handler with `policy = ...`).
    pub origins: Option<Origins>,
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
    /// The tokens of each key's value as written, where checks that span the handler and
    /// its shared policy point.
    pub spans: Vec<(crate::key::Key, proc_macro2::TokenStream)>,
    /// Where `cors-runtime` is (`crate = ...`, or `::cors_runtime`).
    pub krate: syn::Path,
}

pub enum Origins {
    Any,
    /// In the order written (diagnostics show them so; the runtime sorts what it searches).
    List(Vec<Origin>),
}

/// One entry of `origins = [...]`.
#[derive(Debug, PartialEq, Eq)]
pub enum Origin {
    Exact {
        scheme: Scheme,
        host: String,
        port: Option<u16>,
    },
    Subdomains {
        scheme: Scheme,
        domain: String,
        port: Option<u16>,
    },
    AnyPort {
        scheme: Scheme,
        host: String,
    },
    /// `env("NAME")`: read and checked when the router is built.
    Env {
        name: String,
        unset: Unset,
    },
    /// `from_fn(path)`: called and checked when the router is built.
    FromFn(syn::Path),
}

/// What an `env(...)` source gives when its variable is not set.
#[derive(Debug, PartialEq, Eq)]
pub enum Unset {
    /// `env("NAME")`: a startup error.
    Required,
    /// `env("NAME", optional)`: no origin.
    Optional,
    /// `env("NAME", default = "...")`: these origins, checked at compile time (exact
    /// origins and patterns only).
    Default(Vec<Origin>),
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

impl Policy {
    /// What is emitted beside compile errors: no origin, no method, so the crate still
    /// compiles around it and no secondary error follows.
    pub fn stub(krate: syn::Path) -> Policy {
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
            spans: Vec::new(),
            krate,
        }
    }
}

/// `::cors_runtime`, where the runtime is unless `crate = ...` says otherwise.
pub fn default_krate() -> syn::Path {
    syn::parse_quote!(::cors_runtime)
}
