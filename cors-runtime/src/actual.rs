//! The wrapper around an annotated handler: every response it produces (its own, its
//! extractors' rejections, HEAD answered by a GET handler) gets the policy's headers
//! (Fetch, "HTTP responses", CORS-protocol headers of a non-preflight response).

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use axum::extract::Request;
use axum::response::Response;
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
use crate::vary::append_vary_origin;

/// Applies one handler's policy to its responses.
#[derive(Debug, Clone)]
pub(crate) struct ActualLayer {
    pub(crate) policy: Arc<CompiledPolicy>,
}

impl<S> Layer<S> for ActualLayer {
    type Service = ActualService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ActualService {
            inner,
            policy: self.policy.clone(),
        }
    }
}

/// The service [`ActualLayer`] builds around a handler.
#[derive(Debug, Clone)]
pub(crate) struct ActualService<S> {
    inner: S,
    policy: Arc<CompiledPolicy>,
}

impl<S> Service<Request> for ActualService<S>
where
    S: Service<Request, Response = Response, Error = Infallible>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = ActualFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let verdict = self.policy.check_origin(request.headers());
        if let OriginVerdict::Refused = verdict {
            refused(&request, Some(&self.policy), Refusal::Origin);
        }
        ActualFuture {
            inner: self.inner.call(request),
            policy: self.policy.clone(),
            verdict: Some(verdict),
        }
    }
}

pin_project! {
    /// Runs the handler, then sets the CORS headers on whatever it answered.
    pub(crate) struct ActualFuture<F> {
        #[pin]
        inner: F,
        policy: Arc<CompiledPolicy>,
        verdict: Option<OriginVerdict>,
    }
}

impl<F> Future for ActualFuture<F>
where
    F: Future<Output = Result<Response, Infallible>>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let Ok(mut response) = ready!(this.inner.poll(cx));
        if let Some(verdict) = this.verdict.take() {
            apply(this.policy, verdict, &mut response);
        }
        Poll::Ready(Ok(response))
    }
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
