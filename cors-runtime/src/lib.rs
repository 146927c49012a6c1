#![doc = include_str!("../README.md")]

mod actual;
mod allowed_origin;
mod audit;
mod compiled;
mod cors_headers;
mod definition;
mod diagnostics;
mod handler;
mod keys;
mod layer_check;
mod live;
mod mount;
mod origin;
mod preflight;
mod request_headers;
mod routes;
mod sent;
mod startup;
mod strict;
mod table;
mod vary;
mod websocket;

pub use audit::{AnsweredBy, Audit, AuditError, LiveAudit, PolicyAudit, RouteAudit, audit};
/// Puts a CORS policy on an axum handler; mount it with [`cors_routes!`].
///
/// ```
/// # use cors_runtime::cors;
/// #[cors(
///     origins = ["https://app.example.com", "https://*.preview.example.com", env("EXTRA_ORIGINS")],
///     methods = [GET, POST],
///     headers = ["content-type", "authorization"],
///     expose = ["x-request-id"],
///     credentials,
///     max_age = 600,
///     strict,
/// )]
/// async fn orders() -> &'static str { "[]" }
/// ```
///
/// | key | value | meaning |
/// |---|---|---|
/// | `origins` | `["https://a.example", ...]` | exact serialized origins (matched byte for byte). Required. |
/// | | `"https://*.example.com"`, `"http://localhost:*"` in the list | any subdomain (never the bare domain); any port of a loopback host |
/// | | `env("NAME")`, `from_fn(path)` in the list or alone | read once, when the first router mounting the handler is built, and checked by the same rules; a bad value panics then with a [`StartupError`] |
/// | | `env("NAME", optional)`, `env("NAME", default = "https://a.example, ...")` | no origin, or the default (checked at compile time), when the variable is not set |
/// | | `live(TENANT_ORIGINS)` in the list or alone | a `static` [`LiveOrigins`] the application changes while it runs, read on every request |
/// | | `"*"` | any origin, answered with a constant `*`; not with `credentials` |
/// | `methods` | `[GET, POST, ...]` | the methods the handler is routed on and the preflight allows: `GET` (which also answers `HEAD`), `HEAD`, `POST`, `PUT`, `DELETE`, `PATCH`. Required. |
/// | `headers` | `["content-type", ...]`, `"*"` or `["*", "authorization"]` | request headers a preflight may ask for; `"*"` never covers `authorization`, `["*", "authorization"]` covers it too |
/// | `expose` | `["x-request-id", ...]` or `"*"` | response headers scripts may read |
/// | `credentials` | flag | cookies and `Authorization` allowed: `Access-Control-Allow-Credentials: true` |
/// | `max_age` | `0..=86400` | seconds a browser may cache the preflight (Chromium caps it at 7200, WebKit at 600) |
/// | `private_network` | flag | answer `Access-Control-Request-Private-Network: true`: Chrome's Private Network Access preflights (legacy: Chrome 142 replaced them with a permission prompt and no preflight) |
/// | `strict` | flag | refuse cross-origin POST, PUT, DELETE and PATCH from origins the policy does not allow with `403`, before the handler runs |
/// | `dangerously_allow_insecure_origins` | flag | lets `credentials` go with plain `http://` origins on hosts other than loopback |
/// | `policy` | a path, e.g. `policy = SpaPolicy` | a shared policy defined with `#[cors_policy(...)]` ([`cors_policy`](macro@cors_policy)): its keys apply, `origins` included; the handler gives its `methods` and may add `headers`, `expose` and flags or override `max_age` |
/// | `crate` | a path, e.g. `crate = my_cors` | the path of `cors-runtime` when it is renamed or re-exported; default `::cors_runtime` |
///
/// The policy also guards WebSocket handshakes, to which browsers apply no CORS: a
/// handshake from an origin it does not allow (other than the server's own) gets `403`
/// before the handler runs. [`CorsHandler::allows_origin`] asks the same question
/// directly.
///
/// A browser shows a refused request only as "blocked by CORS policy". The reason is one
/// `tracing` event per refusal, target `cors`, level `debug`, naming the route, the
/// handler, the origin and what it was compared with (the resolved origins, those from
/// `env(...)` and `from_fn(...)` included); enable it with, for example,
/// `RUST_LOG=cors=debug` and `tracing_subscriber::EnvFilter::from_default_env()`.
///
/// A policy a browser would reject or that opens a hole (a trailing slash, `null`,
/// `credentials` with `"*"`, `*.com`, a lower-case method, ...) is a compile error on the
/// offending token, with the fix in the message.
///
/// Put `#[cors]` first, above `#[debug_handler]`; `#[tracing::instrument]` may go above or
/// below it. The handler's name then stands for the handler with its policy: mount it with
/// [`cors_routes!`]; `get(name)` and the like are compile errors that say so. The fn as
/// written is `name::handler`, for unit tests:
///
/// ```
/// use cors_runtime::cors;
///
/// #[cors(origins = ["https://app.example.com"], methods = [POST])]
/// async fn echo(body: String) -> String {
///     body
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// assert_eq!(echo::handler("hi".to_owned()).await, "hi");
/// # });
/// ```
///
/// A handler may be generic over types, such as its state (`async fn list<S: Store>(State(s):
/// State<S>)`); mount it with a turbofish, `cors_routes![list::<AppStore>]`. A hidden struct
/// of the handler's name carries the policy ([`CorsHandler`]).
///
/// When `cors-runtime` is renamed in `Cargo.toml` (`my_cors = { package = "cors-runtime", .. }`)
/// or reached through a crate that re-exports it, say where it is with
/// `crate = my_cors`, as with serde and tokio.
pub use cors_macros::cors;
/// Defines a CORS policy once, for many handlers: `#[cors_policy(...)]` on a unit struct,
/// named from each handler with `#[cors(policy = Name, methods = [...])]`.
///
/// ```
/// use axum::Router;
/// use cors_runtime::{cors, cors_policy, cors_routes};
///
/// #[cors_policy(origins = ["https://app.example.com"], headers = ["content-type"], credentials, max_age = 600)]
/// pub struct SpaPolicy;
///
/// #[cors(policy = SpaPolicy, methods = [GET])]
/// async fn list() -> &'static str { "[]" }
///
/// // Adds a header to the shared ones and overrides `max_age`.
/// #[cors(policy = SpaPolicy, methods = [POST], headers = ["x-idempotency-key"], max_age = 60)]
/// async fn create(body: String) -> String { body }
///
/// let app: Router = Router::new().route("/todos", cors_routes![list, create]);
/// ```
///
/// It takes every key of [`#[cors]`](macro@cors) but `methods` and `policy`, checked
/// where it is written with the same errors. A handler using it gives its own `methods`;
/// may add `headers`, `expose` and the flags (`credentials`, `strict`,
/// `private_network`, `dangerously_allow_insecure_origins`); may override `max_age`; takes
/// its `origins` from it. A rule spanning both places (`credentials` on one side, `*` on
/// the other; a header listed in both; ...) is a compile error on the handler's key that
/// names the shared policy. The struct is an ordinary item: `pub`, imported, used from
/// other modules and crates.
pub use cors_macros::cors_policy;
pub use handler::CorsHandler;
pub use live::{LiveOrigins, LiveOriginsError, LiveStatus};
pub use preflight::is_preflight;
pub use startup::StartupError;

/// What `#[cors]` and `cors_routes!` expand to. Not a public API: it changes without notice.
/// Its constructors are `const fn`s that establish what the runtime relies on, so a
/// policy cannot be built or read any other way.
#[doc(hidden)]
pub mod __private {
    pub use crate::allowed_origin::AllowedOrigin;
    pub use crate::compiled::Policy;
    pub use crate::handler::{HandlerSeal, PolicySeal, SharedPolicy};
    pub use crate::keys::PolicyKeys;
    pub use crate::layer_check::{CheckLayer, your_fn};
    pub use crate::mount::{
        CorsAttribute, HasCors, Id, MountWithCorsRoutes, NoCorsAttribute, Probe, Unannotated,
        annotated,
    };
    pub use crate::routes::{CorsRoutes, assert_routed_apart, first_shared_method};
    pub use axum::handler::Handler;
    pub use cors_macros::cors_routes;
    pub use cors_rules::method::{CorsMethod, MethodSet};
    pub use cors_rules::origin::Scheme;

    /// `live(NAME)`: `NAME` itself, which must be a [`LiveOrigins`](crate::LiveOrigins).
    pub fn live_origins<T: IsLiveOrigins>(set: &'static T) -> &'static crate::LiveOrigins {
        set.live_origins()
    }

    /// Implemented by [`LiveOrigins`](crate::LiveOrigins) alone.
    #[diagnostic::on_unimplemented(
        message = "`live(...)` takes a `static` `LiveOrigins`, not `{Self}`",
        label = "not a `LiveOrigins`",
        note = "declare the set as `static TENANT_ORIGINS: LiveOrigins = LiveOrigins::new();` and write `live(TENANT_ORIGINS)`"
    )]
    pub trait IsLiveOrigins {
        /// The set.
        fn live_origins(&'static self) -> &'static crate::LiveOrigins;
    }

    impl IsLiveOrigins for crate::LiveOrigins {
        fn live_origins(&'static self) -> &'static crate::LiveOrigins {
            self
        }
    }

    /// Turns what a `from_fn(...)` function returns into the list the runtime checks.
    pub fn origin_list(origins: impl OriginList) -> Vec<String> {
        origins.into_origin_list()
    }

    /// What a `from_fn(...)` function may return: a list of strings (`Vec<&str>`,
    /// `Vec<String>`, an array, ...).
    #[diagnostic::on_unimplemented(
        message = "`from_fn(...)` needs a function returning a list of origins (`Vec<&str>` or `Vec<String>`), not `{Self}`",
        label = "returns `{Self}`, not a list of origins"
    )]
    pub trait OriginList {
        /// The origins, as owned strings.
        fn into_origin_list(self) -> Vec<String>;
    }

    impl<I> OriginList for I
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        fn into_origin_list(self) -> Vec<String> {
            self.into_iter().map(Into::into).collect()
        }
    }
}

/// Mounts `#[cors]` handlers on one path: each on the methods of its policy, plus one
/// OPTIONS endpoint that answers preflights with the policy of the requested method.
/// Returns the path's [`MethodRouter<S>`](axum::routing::MethodRouter), for
/// [`Router::route`](axum::Router::route).
///
/// ```text
/// cors_routes![handler, ...]
/// cors_routes![handler, handler(layers = [layer, ...]), ... ; layers = [layer, ...], options = options_handler]
/// ```
///
/// - `handler`: the path of a `#[cors]` fn (`list`, `api::list`, `list::<AppState>` for a
///   handler generic over its state). A fn without `#[cors]` is a compile error on its
///   name; so are two handlers routed on one method.
/// - `layers = [..]`: tower layers and axum middleware (`middleware::from_fn`,
///   `from_fn_with_state`, `from_extractor`, tower-http's timeout, catch-panic, body-limit
///   layers, ...) that run *inside* the policy, in the order written: after `;` for every
///   handler of the path (each gets a clone), in parentheses after a name for that handler
///   alone, inside the path's. A preflight is answered before them; every response they
///   make carries the policy's CORS headers like the handler's own. Middleware kept on the
///   whole `Router` instead should let preflights pass: see [`is_preflight`].
/// - `options = handler`: any axum handler (of the router's state), for OPTIONS requests
///   that are not preflights, inside the path's `layers` too. Its answers carry no CORS
///   headers: no page on another origin can send such a request (its preflight asks for
///   OPTIONS, which no policy allows).
///   Without it they get `204` with an `Allow` header listing the path's methods. The
///   path's OPTIONS belongs to `cors_routes!`: `.options(handler)` on the result is axum's
///   "Overlapping method route" panic when the router is built.
///
/// ```
/// use std::time::Duration;
///
/// use axum::Router;
/// use axum::extract::{Request, State};
/// use axum::http::StatusCode;
/// use axum::middleware::{self, Next};
/// use axum::response::{IntoResponse, Response};
/// use cors_runtime::{cors, cors_routes};
///
/// #[derive(Clone)]
/// struct AppState;
///
/// async fn require_auth(State(_): State<AppState>, request: Request, next: Next) -> Response {
///     if request.headers().contains_key("authorization") {
///         next.run(request).await
///     } else {
///         StatusCode::UNAUTHORIZED.into_response()
///     }
/// }
///
/// #[cors(origins = ["https://a.example"], methods = [GET])]
/// async fn list() -> &'static str { "[]" }
///
/// #[cors(origins = ["https://a.example"], methods = [POST], headers = ["authorization"])]
/// async fn create(body: String) -> String { body }
///
/// async fn describe() -> &'static str { "GET lists, POST creates" }
///
/// let auth = middleware::from_fn_with_state(AppState, require_auth);
/// let app: Router = Router::new()
///     .route("/items", cors_routes![list, create])
///     // `create` needs a token; its 401 is readable by the page on https://a.example.
///     .route("/guarded", cors_routes![list, create(layers = [auth]); options = describe])
///     .with_state(AppState);
/// ```
#[macro_export]
macro_rules! cors_routes {
    ($($input:tt)*) => {
        $crate::__private::cors_routes!($crate; $($input)*)
    };
}
