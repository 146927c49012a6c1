//! The wrapper around an annotated handler: every response it produces (its own, its
//! extractors' rejections, HEAD answered by a GET handler) gets the policy's headers
//! (Fetch, "HTTP responses", CORS-protocol headers of a non-preflight response).

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::body::Body;
use axum::extract::Request;
use axum::handler::Handler;
use axum::response::Response;
use http::StatusCode;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
    VARY,
};
use pin_project_lite::pin_project;

use crate::compiled::CompiledPolicy;
use crate::cors_headers::{ANY, TRUE, is_cors_header, remove_handler_cors_headers};
use crate::diagnostics::{Refusal, refused};
use crate::handler::CorsHandler;
use crate::origin::OriginVerdict;
use crate::vary::append_vary_origin;
use crate::{strict, websocket};

/// Handler `H` with the policy of handler `P` applied to its responses. Zero-sized for an
/// `async fn` handler: the policy is named by type, so axum's per-request clone of the
/// handler service allocates nothing.
///
/// A [`Handler`] itself rather than a layer around axum's `HandlerService`: its future is
/// [`ActualFuture`] around the handler's own future, which for every `async fn` handler
/// is the same boxed type, so the request path is compiled once for all handlers instead
/// of once per handler (compile time of many handlers).
pub(crate) struct WithPolicy<P, H> {
    handler: H,
    policy: PhantomData<fn() -> P>,
}

impl<P, H> WithPolicy<P, H> {
    pub(crate) fn new(handler: H) -> Self {
        WithPolicy {
            handler,
            policy: PhantomData,
        }
    }
}

impl<P, H: Clone> Clone for WithPolicy<P, H> {
    fn clone(&self) -> Self {
        Self::new(self.handler.clone())
    }
}

impl<P, H, T, S> Handler<T, S> for WithPolicy<P, H>
where
    P: CorsHandler + 'static,
    H: Handler<T, S>,
    T: 'static,
    S: Send + Sync + 'static,
{
    type Future = ActualFuture<H::Future>;

    fn call(self, request: Request, state: S) -> Self::Future {
        let policy = P::POLICY.compiled();
        match admit(policy, &request) {
            Some(verdict) => ActualFuture::Handler {
                inner: self.handler.call(request, state),
                policy,
                verdict: Some(verdict),
            },
            None => ActualFuture::Refused,
        }
    }
}

/// The origin check before the handler runs; `None` when the request is refused before
/// it (a WebSocket handshake from a disallowed origin, or strict mode): the handler does
/// not run. Not generic, so compiled once for all handlers.
fn admit(policy: &'static CompiledPolicy, request: &Request) -> Option<OriginVerdict> {
    let verdict = policy.check_origin(request.headers());
    if websocket::refuses(request, &verdict) {
        refused(request, Some(policy), Refusal::WebSocket);
        return None;
    }
    if policy.keys.strict && strict::refuses(request, &verdict) {
        refused(request, Some(policy), Refusal::Strict);
        return None;
    }
    if let OriginVerdict::Refused = verdict {
        refused(request, Some(policy), Refusal::Origin);
    }
    Some(verdict)
}

pin_project! {
    /// Runs the handler, then sets the CORS headers on whatever it answered; or the
    /// refusal before the handler (WebSocket handshake, strict mode), ready at once.
    #[project = ActualFutureProj]
    pub(crate) enum ActualFuture<F> {
        /// The handler runs.
        Handler {
            #[pin]
            inner: F,
            policy: &'static CompiledPolicy,
            verdict: Option<OriginVerdict>,
        },
        /// Refused before the handler; it does not run. The answer is built when polled,
        /// so the future stays the size of the handler's own plus a few words.
        Refused,
    }
}

impl<F> Future for ActualFuture<F>
where
    F: Future<Output = Response>,
{
    type Output = Response;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project() {
            ActualFutureProj::Handler {
                inner,
                policy,
                verdict,
            } => {
                let mut response = ready!(inner.poll(cx));
                if let Some(verdict) = verdict.take() {
                    apply(policy, verdict, &mut response);
                }
                Poll::Ready(response)
            }
            ActualFutureProj::Refused => Poll::Ready(refusal()),
        }
    }
}

/// `403`, empty body, no CORS header, `Vary: Origin` (the answer depended on it).
fn refusal() -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FORBIDDEN;
    append_vary_origin(response.headers_mut(), false);
    response
}

/// The CORS headers of one actual response (Fetch, "HTTP responses" of the CORS
/// protocol; "CORS protocol and HTTP caches" for `Vary`), each sent exactly once.
fn apply(policy: &CompiledPolicy, verdict: OriginVerdict, response: &mut Response) {
    let headers = response.headers_mut();
    // One pass over the handler's (few) header names answers both questions; most
    // responses set no CORS header and no `Vary`.
    let (mut has_cors, mut has_vary) = (false, false);
    for name in headers.keys() {
        has_cors |= is_cors_header(name);
        has_vary |= name == VARY;
    }
    if has_cors {
        remove_handler_cors_headers(headers);
    }
    let origin = match verdict {
        // Fetch, "CORS protocol and HTTP caches": a constant `*` needs no `Vary`.
        OriginVerdict::Any => ANY,
        OriginVerdict::Allowed(origin) => {
            append_vary_origin(headers, has_vary);
            origin
        }
        OriginVerdict::Refused | OriginVerdict::Absent => {
            append_vary_origin(headers, has_vary);
            return;
        }
    };
    // None of these is left (removed above): `append` looks for no value to replace.
    headers.append(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    if policy.keys.credentials {
        headers.append(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
    }
    if let Some(expose) = &policy.expose_headers {
        headers.append(ACCESS_CONTROL_EXPOSE_HEADERS, expose.clone());
    }
}
