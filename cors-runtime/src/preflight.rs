//! The one OPTIONS endpoint of a path: answers preflights by the policy of the handler
//! routed for the requested method, and passes other OPTIONS requests on.

use std::future::Future;
use std::mem::take;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::handler::Handler;
use axum::response::Response;
use http::header::{
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD,
    ORIGIN, VARY,
};
use http::{HeaderMap, HeaderValue, StatusCode};
use pin_project_lite::pin_project;

use crate::audit;
use crate::compiled::CompiledPolicy;
use crate::cors_headers::{
    ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK, ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK, TRUE,
};
use crate::diagnostics::{Refusal, refused};
use crate::origin::OriginVerdict;
use crate::request_headers::check_request_headers;
use crate::sent::Sent;
use crate::table::PreflightTable;
use crate::vary::VARY_PREFLIGHT;
use cors_rules::method::CorsMethod;

/// The path's OPTIONS endpoint: answers preflights from its table, and passes other
/// OPTIONS requests to the path's OPTIONS handler `H`.
///
/// A [`Handler`] itself rather than a layer around axum's `HandlerService`, as
/// [`WithPolicy`](crate::actual::WithPolicy) is: a preflight costs no layer, service,
/// `Oneshot` or reference count per request, only the checks.
#[derive(Debug, Clone)]
pub(crate) struct WithPreflight<H> {
    options: H,
    table: PreflightTable,
}

impl<H> WithPreflight<H> {
    pub(crate) fn new(options: H, table: PreflightTable) -> Self {
        WithPreflight { options, table }
    }
}

impl<H, T, S> Handler<T, S> for WithPreflight<H>
where
    H: Handler<T, S>,
    T: 'static,
    S: Send + Sync + 'static,
{
    type Future = PreflightFuture<H::Future>;

    fn call(self, mut request: Request, state: S) -> Self::Future {
        // Routed on OPTIONS only: the headers decide.
        let answer = self.table.answer(&mut request).or_else(|| {
            // An in-process audit (no client can set a request extension). It sends no
            // `Origin`, so it is no preflight, and a preflight pays no extension lookup.
            let audit = request.extensions().get::<audit::Probe>();
            audit.map(|_| audit::report(self.table))
        });
        match answer {
            Some(response) => PreflightFuture::Answered {
                response: Some(response),
            },
            None => PreflightFuture::PassedOn {
                inner: self.options.call(request, state),
            },
        }
    }
}

/// Whether `request` is a CORS preflight, which `cors_routes!` answers itself: `OPTIONS`
/// with both `Origin` and `Access-Control-Request-Method` (Fetch, "CORS-preflight
/// request"). For middleware kept on the whole `Router`, outside every policy, such as
/// auth: let a preflight pass, since a browser never sends credentials with one and
/// treats any answer other than the policy's as a CORS failure.
///
/// ```
/// use axum::extract::Request;
/// use axum::http::StatusCode;
/// use axum::middleware::Next;
/// use axum::response::{IntoResponse, Response};
///
/// async fn require_auth(request: Request, next: Next) -> Response {
///     if cors_runtime::is_preflight(&request) || request.headers().contains_key("authorization") {
///         next.run(request).await
///     } else {
///         StatusCode::UNAUTHORIZED.into_response()
///     }
/// }
/// ```
///
/// Its answers, unlike those of middleware inside a policy (`cors_routes![..; layers =
/// [..]]`), carry no CORS headers: a page cannot read them.
///
/// It is true too for the in-process requests of [`audit`](crate::audit()), so middleware
/// that lets preflights pass lets the audit see the path's policy.
pub fn is_preflight<B>(request: &http::Request<B>) -> bool {
    request.method() == http::Method::OPTIONS
        && (has_preflight_headers(request.headers())
            || request.extensions().get::<audit::Probe>().is_some())
}

fn has_preflight_headers(headers: &HeaderMap) -> bool {
    headers.contains_key(ORIGIN) && headers.contains_key(ACCESS_CONTROL_REQUEST_METHOD)
}

pin_project! {
    /// Either the preflight answer, ready at once, or the OPTIONS handler's future.
    #[project = PreflightFutureProj]
    pub(crate) enum PreflightFuture<F> {
        /// A preflight, already answered.
        Answered { response: Option<Response> },
        /// Not a preflight: the path's own OPTIONS handler answers.
        PassedOn { #[pin] inner: F },
    }
}

impl<F> Future for PreflightFuture<F>
where
    F: Future<Output = Response>,
{
    type Output = Response;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project() {
            PreflightFutureProj::Answered { response } => {
                Poll::Ready(response.take().unwrap_or_else(|| failure(HeaderMap::new())))
            }
            PreflightFutureProj::PassedOn { inner } => inner.poll(cx),
        }
    }
}

impl PreflightTable {
    /// Dispatch by the requested method, then check origin and headers (Fetch,
    /// "CORS-preflight fetch" and "CORS check");
    /// `None` when the request is not a preflight.
    fn answer(&self, request: &mut Request) -> Option<Response> {
        let headers = request.headers();
        let sent = PreflightHeaders::find(headers);
        // Fetch, "CORS-preflight request": both `Origin` and `-Request-Method` present.
        if sent.origin == Sent::Never || sent.method == Sent::Never {
            return None;
        }
        // Sent more than once, the method is malformed.
        let requested = sent.method.once().map_or(&b""[..], HeaderValue::as_bytes);
        let policy =
            CorsMethod::from_bytes(requested).and_then(|method| self.by_method[method.index()]);
        let Some(policy) = policy else {
            refused(request, None, Refusal::Method(requested));
            return Some(failure(take(request.headers_mut())));
        };
        let origin = policy.check_sent_origin(sent.origin);
        if let OriginVerdict::Refused | OriginVerdict::Absent = origin {
            refused(request, Some(policy), Refusal::Origin);
            return Some(failure(take(request.headers_mut())));
        }
        // Fetch, CORS-preflight fetch, steps 7.7-7.8: every requested header must be allowed.
        let checked = match sent.request_headers {
            Sent::Never => Ok(()),
            Sent::Once(line) => {
                check_request_headers(|| std::iter::once(line.as_bytes()), &policy.allowed_headers)
            }
            Sent::Repeated => {
                let lines = headers.get_all(ACCESS_CONTROL_REQUEST_HEADERS);
                check_request_headers(
                    || lines.iter().map(HeaderValue::as_bytes),
                    &policy.allowed_headers,
                )
            }
        };
        if let Err(why) = checked {
            refused(request, Some(policy), Refusal::Headers(why));
            return Some(failure(take(request.headers_mut())));
        }
        Some(success(policy, origin, headers))
    }
}

/// The request headers a preflight is decided on, found in one pass over the request's
/// headers: cheaper than a keyed lookup for each (hashing the name three times), for the
/// dozen or so lines a browser sends.
#[derive(Default)]
struct PreflightHeaders<'r> {
    origin: Sent<'r>,
    method: Sent<'r>,
    request_headers: Sent<'r>,
}

impl<'r> PreflightHeaders<'r> {
    #[inline]
    fn find(headers: &'r HeaderMap) -> Self {
        let mut sent = PreflightHeaders::default();
        for (name, value) in headers {
            if name == ORIGIN {
                sent.origin.add(value);
            } else if name == ACCESS_CONTROL_REQUEST_METHOD {
                sent.method.add(value);
            } else if name == ACCESS_CONTROL_REQUEST_HEADERS {
                sent.request_headers.add(value);
            }
        }
        sent
    }
}

/// `204`, empty body, and the policy's preflight headers (Fetch, CORS protocol, "HTTP
/// responses"), allowing `origin`.
#[inline]
fn success(policy: &CompiledPolicy, origin: OriginVerdict, request: &HeaderMap) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    let headers = response.headers_mut();
    *headers = policy.allowed_preflight.clone();
    if let (OriginVerdict::Allowed(origin), Some(slot)) =
        (origin, headers.get_mut(ACCESS_CONTROL_ALLOW_ORIGIN))
    {
        *slot = origin;
    }
    // Private Network Access: only for exactly `true`, only when the policy opts in.
    if policy.keys.private_network
        && Sent::of(request.get_all(ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK))
            .once()
            .is_some_and(|value| value == "true")
    {
        headers.append(ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK, TRUE);
    }
    response
}

/// `403`, empty body, no `Access-Control-*` header: reveals nothing of the policy, and
/// the browser fails the CORS-preflight fetch (Fetch, "CORS-preflight fetch", step 7).
///
/// Its lines go in `spare`, emptied: the refused request's own header map, read for the
/// last time. Reusing it saves allocating one map and freeing the other; a preflight
/// sent `Origin` and `-Request-Method`, so the map has room for the two lines.
fn failure(mut spare: HeaderMap) -> Response {
    spare.clear();
    spare.append(VARY, VARY_PREFLIGHT);
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FORBIDDEN;
    *response.headers_mut() = spare;
    response
}
