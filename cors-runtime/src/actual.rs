//! The wrapper around an annotated handler: every response it produces (its own, its
//! extractors' rejections, HEAD answered by a GET handler) gets the policy's headers
//! (Fetch, "HTTP responses", CORS-protocol headers of a non-preflight response).

use std::convert::Infallible;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use http::StatusCode;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::compiled::CompiledPolicy;
use crate::cors_headers::{ANY, TRUE, remove_handler_cors_headers};
use crate::diagnostics::{Refusal, refused};
use crate::origin::OriginVerdict;
use crate::policy::CorsHandler;
use crate::strict;
use crate::vary::append_vary_origin;

/// Applies the policy of handler `P` to its responses. Zero-sized: the policy is named
/// by type, so axum's per-request clone of the handler service allocates nothing.
pub(crate) struct ActualLayer<P>(PhantomData<fn() -> P>);

impl<P> ActualLayer<P> {
    pub(crate) fn new() -> Self {
        ActualLayer(PhantomData)
    }
}

impl<P> Clone for ActualLayer<P> {
    fn clone(&self) -> Self {
        Self::new()
    }
}

impl<S, P> Layer<S> for ActualLayer<P> {
    type Service = ActualService<S, P>;

    fn layer(&self, inner: S) -> Self::Service {
        ActualService {
            inner,
            policy: PhantomData,
        }
    }
}

/// The service [`ActualLayer`] builds around a handler.
pub(crate) struct ActualService<S, P> {
    inner: S,
    policy: PhantomData<fn() -> P>,
}

impl<S: Clone, P> Clone for ActualService<S, P> {
    fn clone(&self) -> Self {
        ActualService {
            inner: self.inner.clone(),
            policy: PhantomData,
        }
    }
}

impl<S, P> Service<Request> for ActualService<S, P>
where
    S: Service<Request, Response = Response, Error = Infallible>,
    P: CorsHandler,
{
    type Response = Response;
    type Error = Infallible;
    type Future = ActualFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let policy = P::compiled();
        let verdict = policy.check_origin(request.headers());
        if policy.policy.strict && strict::refuses(&request, &verdict) {
            refused(&request, Some(policy), Refusal::Strict);
            return ActualFuture::Refused {
                response: Some(strict_refusal()),
            };
        }
        if let OriginVerdict::Refused = verdict {
            refused(&request, Some(policy), Refusal::Origin);
        }
        ActualFuture::Handler {
            inner: self.inner.call(request),
            policy,
            verdict: Some(verdict),
        }
    }
}

pin_project! {
    /// Runs the handler, then sets the CORS headers on whatever it answered; or the
    /// strict-mode refusal, ready at once.
    #[project = ActualFutureProj]
    pub(crate) enum ActualFuture<F> {
        /// The handler runs.
        Handler {
            #[pin]
            inner: F,
            policy: &'static CompiledPolicy,
            verdict: Option<OriginVerdict>,
        },
        /// Strict mode refused the request; the handler does not run.
        Refused { response: Option<Response> },
    }
}

impl<F> Future for ActualFuture<F>
where
    F: Future<Output = Result<Response, Infallible>>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project() {
            ActualFutureProj::Handler {
                inner,
                policy,
                verdict,
            } => {
                let Ok(mut response) = ready!(inner.poll(cx));
                if let Some(verdict) = verdict.take() {
                    apply(policy, verdict, &mut response);
                }
                Poll::Ready(Ok(response))
            }
            ActualFutureProj::Refused { response } => {
                Poll::Ready(Ok(response.take().unwrap_or_else(strict_refusal)))
            }
        }
    }
}

/// `403`, empty body, no CORS header, `Vary: Origin` (the answer depended on it).
fn strict_refusal() -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FORBIDDEN;
    append_vary_origin(response.headers_mut());
    response
}

/// DESIGN 3.5, 3.8 and 3.10 for one actual response.
fn apply(policy: &CompiledPolicy, verdict: OriginVerdict, response: &mut Response) {
    let headers = response.headers_mut();
    remove_handler_cors_headers(headers);
    let origin = match verdict {
        // Fetch, "CORS protocol and HTTP caches": a constant `*` needs no `Vary`.
        OriginVerdict::Any => ANY,
        OriginVerdict::Allowed(origin) => {
            append_vary_origin(headers);
            origin
        }
        OriginVerdict::Refused | OriginVerdict::Absent => {
            append_vary_origin(headers);
            return;
        }
    };
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    if policy.policy.credentials {
        headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
    }
    if let Some(expose) = &policy.expose_headers {
        headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, expose.clone());
    }
}
