//! The CORS policies of a whole `Router`, as the router itself answers them: for each
//! path, an in-process OPTIONS request carrying a marker no client can send (a request
//! extension) reaches the path's preflight endpoint, which answers with its table. So the
//! audit sees exactly what is mounted, `.nest` prefixes and middleware included, with the
//! origins read from `env(...)` and `from_fn(...)`. When something else answers, its
//! status and axum's `Allow` header say what ([`AnsweredBy`]).

use std::fmt;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use http::{Method, StatusCode};
use tower_service::Service;

use crate::compiled::CompiledPolicy;
use crate::table::PreflightTable;

mod answered;
mod policy;

pub use answered::AnsweredBy;
use cors_rules::method::CorsMethod;
pub use policy::{LiveAudit, PolicyAudit};

/// The request extension that asks a path's preflight endpoint for its table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Probe;

/// The response extension it answers with.
#[derive(Debug, Clone)]
struct Table(PreflightTable);

/// The answer of a preflight endpoint to a [`Probe`].
pub(crate) fn report(table: PreflightTable) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    response.extensions_mut().insert(Table(table));
    response
}

/// Lists the CORS policy of each of `paths` in `router`: per path, which handler answers
/// which methods, with its resolved origins, headers, credentials and max-age. Write the
/// paths as in the router (`/items/{id}`, with the `.nest` prefix); no request leaves the
/// process.
///
/// A path whose preflight the policy does not answer says "no CORS policy", with what
/// answered instead and the fix ([`AnsweredBy`]): no route (`404`, a mistyped path), a
/// route without `#[cors]` (`405`), or a layer outside the policy (`401`, `403`, `429`,
/// ...: middleware on the `Router` or on the `cors_routes!` result that refuses
/// preflights). [`Audit::assert_every_path_has_cors`] turns that into a one-line test.
///
/// For a startup log, or a test that pins the policy of a whole API:
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
/// use cors_runtime::{cors, cors_routes};
///
/// #[cors(origins = ["https://app.example.com"], methods = [GET], max_age = 600)]
/// async fn list_items() -> &'static str { "[]" }
///
/// #[cors(origins = ["https://app.example.com"], methods = [DELETE], credentials)]
/// async fn delete_item() {}
///
/// async fn health() -> &'static str { "ok" }
///
/// let api = Router::new()
///     .route("/items", cors_routes![list_items])
///     .route("/items/{id}", cors_routes![delete_item]);
/// let app: Router = Router::new().nest("/api", api).route("/health", get(health));
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let audit = cors_runtime::audit(&app, ["/api/items", "/api/items/{id}", "/health"]).await;
/// assert_eq!(
///     audit.to_string(),
///     "\
/// /api/items
///   GET, HEAD: list_items; origins https://app.example.com; max-age 600
/// /api/items/{id}
///   DELETE: delete_item; origins https://app.example.com; credentials
/// /health
///   no CORS policy: no `#[cors]` handler on this path (routed for GET, HEAD; OPTIONS got `405 Method Not Allowed`): mount its handlers with `cors_routes![..]` if browsers call it from another origin
/// "
/// );
/// # });
/// ```
///
/// # Panics
/// Like building the router's first request would, when a policy's `env(...)` or
/// `from_fn(...)` origins are invalid.
pub async fn audit<'p>(router: &Router, paths: impl IntoIterator<Item = &'p str>) -> Audit {
    let mut routes = Vec::new();
    for path in paths {
        let mut probe = Request::new(Body::empty());
        *probe.method_mut() = Method::OPTIONS;
        *probe.uri_mut() = concrete(path)
            .parse()
            .unwrap_or_else(|_| panic!("`{path}` is not a path"));
        probe.extensions_mut().insert(Probe);
        let mut router = router.clone();
        let response = match router.call(probe).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        let (answered_by, policies) = match response.extensions().get::<Table>() {
            Some(Table(table)) => (AnsweredBy::Policy, policies(table)),
            None => (AnsweredBy::of(&response), Vec::new()),
        };
        routes.push(RouteAudit {
            path: path.to_owned(),
            policies,
            answered_by,
        });
    }
    Audit { routes }
}

/// `path` with a placeholder for each `{param}` and `{*rest}`, so it can be requested.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                "audit"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// One entry per policy on the path, with the methods it answers, in method order.
fn policies(table: &PreflightTable) -> Vec<PolicyAudit> {
    let mut audits: Vec<(&CompiledPolicy, Vec<&'static str>)> = Vec::new();
    for method in CorsMethod::ALL {
        let Some(policy) = table.by_method[method.index()] else {
            continue;
        };
        match audits.iter_mut().find(|(p, _)| std::ptr::eq(*p, policy)) {
            Some((_, methods)) => methods.push(method.as_str()),
            None => audits.push((policy, vec![method.as_str()])),
        }
    }
    audits
        .into_iter()
        .map(|(policy, methods)| PolicyAudit::new(policy, methods))
        .collect()
}

/// What [`audit`](audit()) found: one entry per path asked for, in that order. Its
/// `Display` is one line per path and one per policy, stable enough to compare in a test;
/// the fields hold the same as data:
///
/// ```
/// use axum::Router;
/// use cors_runtime::{cors, cors_routes};
///
/// #[cors(origins = ["https://app.example.com"], methods = [POST], credentials)]
/// async fn upload() {}
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let app: Router = Router::new().route("/upload", cors_routes![upload]);
/// let audit = cors_runtime::audit(&app, ["/upload"]).await;
/// let policy = &audit.routes[0].policies[0];
/// assert_eq!((policy.handler, policy.credentials), ("upload", true));
/// assert_eq!(policy.origins.as_deref(), Some(&["https://app.example.com".to_owned()][..]));
/// # });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Audit {
    /// The paths, in the order given.
    pub routes: Vec<RouteAudit>,
}

impl Audit {
    /// `Ok` when the CORS policy of every path audited answered its preflight; otherwise
    /// an [`AuditError`] with each path that has none, why (what answered instead, with its
    /// status) and the fix, in the words of the report. For a test that returns a
    /// `Result`, or to log the problems at startup; [`assert_every_path_has_cors`] panics
    /// with the same text.
    ///
    /// Audit the paths browsers call from another origin: a path left without CORS on
    /// purpose (`/health`) fails this check by design.
    ///
    /// ```
    /// use axum::Router;
    /// use axum::http::StatusCode;
    /// use axum::middleware::{self, Next};
    /// use axum::extract::Request;
    /// use axum::response::{IntoResponse, Response};
    /// use cors_runtime::{AnsweredBy, cors, cors_routes};
    ///
    /// async fn require_token(request: Request, next: Next) -> Response {
    ///     if request.headers().contains_key("authorization") {
    ///         next.run(request).await
    ///     } else {
    ///         StatusCode::UNAUTHORIZED.into_response()
    ///     }
    /// }
    ///
    /// #[cors(origins = ["https://app.example.com"], methods = [GET], headers = ["authorization"])]
    /// async fn profile() -> &'static str { "ada" }
    ///
    /// // The auth layer wraps the path's preflight endpoint too: browsers get its 401.
    /// let app: Router = Router::new()
    ///     .route("/profile", cors_routes![profile])
    ///     .route_layer(middleware::from_fn(require_token));
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let audit = cors_runtime::audit(&app, ["/profile", "/profiel"]).await;
    /// let error = audit.check_every_path_has_cors().unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "\
    /// CORS audit: 2 of 2 paths have no CORS policy
    /// /profile
    ///   no CORS policy: a layer outside the policy answered this path's preflight with `401 Unauthorized`: move it into `cors_routes![..; layers = [..]]`, or let preflights pass with `cors_runtime::is_preflight`
    /// /profiel
    ///   no CORS policy: no route at this path (`404 Not Found`): check the path, with its `.nest` prefix"
    /// );
    /// assert!(matches!(
    ///     error.routes[0].answered_by,
    ///     AnsweredBy::OutsideLayer { status: StatusCode::UNAUTHORIZED, .. }
    /// ));
    /// # });
    /// ```
    ///
    /// [`assert_every_path_has_cors`]: Audit::assert_every_path_has_cors
    pub fn check_every_path_has_cors(&self) -> Result<(), AuditError> {
        let routes: Vec<RouteAudit> = self
            .routes
            .iter()
            .filter(|route| route.answered_by != AnsweredBy::Policy)
            .cloned()
            .collect();
        if routes.is_empty() {
            Ok(())
        } else {
            Err(AuditError {
                audited: self.routes.len(),
                routes,
            })
        }
    }

    /// Panics unless the CORS policy of every path audited answered its preflight; the
    /// message names each path that has none, why, and the fix
    /// ([`check_every_path_has_cors`](Audit::check_every_path_has_cors) has an example).
    /// The one line of a test that keeps auth layers, typos and forgotten `cors_routes!`
    /// from silently breaking CORS:
    ///
    /// ```
    /// use axum::Router;
    /// use cors_runtime::{cors, cors_routes};
    ///
    /// #[cors(origins = ["https://app.example.com"], methods = [GET])]
    /// async fn list_items() -> &'static str { "[]" }
    ///
    /// #[cors(origins = ["https://app.example.com"], methods = [DELETE])]
    /// async fn delete_item() {}
    ///
    /// fn app() -> Router {
    ///     let api = Router::new()
    ///         .route("/items", cors_routes![list_items])
    ///         .route("/items/{id}", cors_routes![delete_item]);
    ///     Router::new().nest("/api", api)
    /// }
    ///
    /// // #[tokio::test]
    /// async fn every_cross_origin_path_has_its_cors_policy() {
    ///     cors_runtime::audit(&app(), ["/api/items", "/api/items/{id}"])
    ///         .await
    ///         .assert_every_path_has_cors();
    /// }
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap()
    /// #     .block_on(every_cross_origin_path_has_its_cors_policy());
    /// ```
    ///
    /// # Panics
    /// When a path has no CORS policy, with the text of [`AuditError`].
    #[track_caller]
    pub fn assert_every_path_has_cors(&self) {
        if let Err(error) = self.check_every_path_has_cors() {
            panic!("{error}");
        }
    }
}

/// The CORS policies of one path, an entry of [`Audit::routes`] (see [`Audit`]'s example).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RouteAudit {
    /// The path as given.
    pub path: String,
    /// One per handler of the path; empty unless the path's preflight endpoint answered.
    pub policies: Vec<PolicyAudit>,
    /// What answered the path's preflight: its policy, or what instead.
    pub answered_by: AnsweredBy,
}

/// The paths without a CORS policy in force, from [`Audit::check_every_path_has_cors`]:
/// its `Display` names each, why, and the fix, in the lines of the report (see the
/// example there).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuditError {
    /// The paths without one, in the order given, each with what answered instead
    /// ([`RouteAudit::answered_by`]).
    pub routes: Vec<RouteAudit>,
    /// How many paths were audited.
    pub audited: usize,
}

impl fmt::Display for AuditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.routes.len() == 1 {
            "has"
        } else {
            "have"
        };
        write!(
            f,
            "CORS audit: {} of {} paths {verb} no CORS policy",
            self.routes.len(),
            self.audited
        )?;
        for route in &self.routes {
            write!(f, "\n{}", route.to_string().trim_end())?;
        }
        Ok(())
    }
}

impl std::error::Error for AuditError {}

impl fmt::Display for Audit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for route in &self.routes {
            write!(f, "{route}")?;
        }
        Ok(())
    }
}

/// The path's lines of the report: the path, then one line per policy, or one saying
/// why it has none and the fix.
impl fmt::Display for RouteAudit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.path)?;
        if self.answered_by != AnsweredBy::Policy {
            writeln!(f, "  no CORS policy: {}", self.answered_by)?;
        } else if self.policies.is_empty() {
            writeln!(f, "  no CORS policy")?;
        }
        for policy in &self.policies {
            writeln!(f, "  {policy}")?;
        }
        Ok(())
    }
}
