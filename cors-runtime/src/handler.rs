//! The traits the expansion implements: [`CorsHandler`] for the hidden struct named after
//! an annotated handler, [`SharedPolicy`] for a `#[cors_policy]` struct.

use cors_rules::method::MethodSet;

use crate::compiled::Policy;
use crate::keys::PolicyKeys;
use crate::startup::{self, StartupError};

/// Implemented by `#[cors_policy]` for the struct it is on: the shared policy's keys, for
/// the handlers that name it with `#[cors(policy = Name, ...)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a shared CORS policy: define it with `#[cors_policy(origins = [..], ..)]` on a unit struct",
    label = "not a `#[cors_policy]` struct"
)]
pub trait SharedPolicy: PolicySeal {
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
pub trait CorsHandler: HandlerSeal {
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
    fn check_origins() -> Result<(), StartupError> {
        startup::check(&Self::POLICY.definition)
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

/// The seal of [`CorsHandler`], implemented by `#[cors]` beside it: an implementation
/// written by hand would skip every compile-time check of the policy, so it does not
/// compile.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`CorsHandler` is implemented by `#[cors(...)]`, not by hand: `{Self}` would skip every check of its policy",
    label = "not a `#[cors]` handler",
    note = "put `#[cors(origins = [..], methods = [..])]` on the handler fn: its name then stands for a struct that implements `CorsHandler`"
)]
pub trait HandlerSeal {}

/// The seal of [`SharedPolicy`], implemented by `#[cors_policy]` beside it.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`SharedPolicy` is implemented by `#[cors_policy(...)]`, not by hand: `{Self}` would skip every check of its keys",
    label = "not a `#[cors_policy]` struct",
    note = "put `#[cors_policy(origins = [..], ..)]` on a unit struct"
)]
pub trait PolicySeal {}
