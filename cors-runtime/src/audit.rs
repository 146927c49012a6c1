//! The CORS policies of a whole `Router`, as the router itself answers them: for each
//! path, an in-process OPTIONS request carrying a marker no client can send (a request
//! extension) reaches the path's preflight endpoint, which answers with its table. So the
//! audit sees exactly what is mounted, `.nest` prefixes and middleware included, with the
//! origins read from `env(...)` and `from_fn(...)`.

use std::fmt;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use http::{Method, StatusCode};
use tower_service::Service;

use crate::compiled::CompiledPolicy;
use crate::table::PreflightTable;
use cors_rules::method::CorsMethod;

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
/// which methods, with its resolved origins, headers, credentials and max-age; a path
/// `cors_routes!` does not mount says "no CORS policy". Write the paths as in the router
/// (`/items/{id}`, with the `.nest` prefix); no request leaves the process.
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
///   no CORS policy
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
        let policies = match response.extensions().get::<Table>() {
            Some(Table(table)) => policies(table),
            None => Vec::new(),
        };
        routes.push(RouteAudit {
            path: path.to_owned(),
            policies,
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

/// The CORS policies of one path, an entry of [`Audit::routes`] (see [`Audit`]'s example).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RouteAudit {
    /// The path as given.
    pub path: String,
    /// One per handler of the path; empty when `cors_routes!` does not mount the path.
    pub policies: Vec<PolicyAudit>,
}

/// The policy in force for some methods of a path, an entry of [`RouteAudit::policies`]
/// (see [`Audit`]'s example).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PolicyAudit {
    /// The `#[cors]` fn.
    pub handler: &'static str,
    /// The methods it answers (`HEAD` with `GET`).
    pub methods: Vec<&'static str>,
    /// The allowed origins and patterns, resolved (`env(...)` and `from_fn(...)` read);
    /// `None` for `origins = "*"`.
    pub origins: Option<Vec<String>>,
    /// `Access-Control-Allow-Headers` as sent, if any.
    pub headers: Option<String>,
    /// `Access-Control-Expose-Headers` as sent, if any.
    pub expose: Option<String>,
    /// `credentials`.
    pub credentials: bool,
    /// `max_age`, in seconds.
    pub max_age: Option<u32>,
    /// `strict`.
    pub strict: bool,
}

impl PolicyAudit {
    fn new(policy: &CompiledPolicy, methods: Vec<&'static str>) -> PolicyAudit {
        let text = |value: Option<&http::HeaderValue>| {
            value.map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };
        PolicyAudit {
            handler: policy.definition.handler,
            methods,
            origins: policy.origins.as_ref().map(|set| {
                let mut origins = Vec::new();
                let _ = set.for_each(|origin| {
                    origins.push(origin.to_string());
                    Ok(())
                });
                origins
            }),
            // The value a preflight answers with, read from its ready lines (its one home).
            headers: text(
                policy
                    .allowed_preflight
                    .get(http::header::ACCESS_CONTROL_ALLOW_HEADERS),
            ),
            expose: text(policy.expose_headers.as_ref()),
            credentials: policy.keys.credentials,
            max_age: policy.keys.max_age,
            strict: policy.keys.strict,
        }
    }
}

impl fmt::Display for Audit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for route in &self.routes {
            writeln!(f, "{}", route.path)?;
            if route.policies.is_empty() {
                writeln!(f, "  no CORS policy")?;
            }
            for policy in &route.policies {
                writeln!(f, "  {policy}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for PolicyAudit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.methods.join(", "), self.handler)?;
        match &self.origins {
            None => write!(f, "; any origin")?,
            Some(origins) if origins.is_empty() => write!(f, "; no origin")?,
            Some(origins) => write!(f, "; origins {}", origins.join(", "))?,
        }
        if let Some(headers) = &self.headers {
            write!(f, "; headers {headers}")?;
        }
        if let Some(expose) = &self.expose {
            write!(f, "; expose {expose}")?;
        }
        if self.credentials {
            write!(f, "; credentials")?;
        }
        if let Some(seconds) = self.max_age {
            write!(f, "; max-age {seconds}")?;
        }
        if self.strict {
            write!(f, "; strict")?;
        }
        Ok(())
    }
}
