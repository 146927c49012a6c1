//! Strict mode (README, "Strict mode"): refuse state-changing cross-origin requests from origins
//! the policy does not allow, before the handler runs. Same reading as Go 1.25
//! `net/http.CrossOriginProtection`: `Sec-Fetch-Site` first, then `Origin` against `Host`.

use axum::extract::Request;
use http::header::{HOST, ORIGIN};
use http::{HeaderName, Method};

use crate::origin::OriginVerdict;

const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// Whether strict mode refuses this request, given the policy's verdict on its origin.
pub(crate) fn refuses(request: &Request, verdict: &OriginVerdict) -> bool {
    // Safe methods change nothing; OPTIONS is answered by the preflight endpoint.
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return false;
    }
    let headers = request.headers();
    let site = headers.get(SEC_FETCH_SITE).map(|v| v.as_bytes());
    // Fetch Metadata: the browser itself says the request is not cross-origin.
    if matches!(site, Some(b"same-origin" | b"none")) {
        return false;
    }
    match verdict {
        OriginVerdict::Any | OriginVerdict::Allowed(_) => false,
        // Any other `Sec-Fetch-Site` (`cross-site`, `same-site`) is the browser's word and
        // is read first, as in Go: only an allowed origin passes, whatever `Host` says
        // (an `http://` page of the same host is `cross-site` to an `https://` API).
        _ if site.is_some() => true,
        // No Fetch Metadata and no Origin: not a browser (curl, servers), which CORS
        // does not concern.
        OriginVerdict::Absent => false,
        // No Fetch Metadata: `Origin` against the request's own host.
        OriginVerdict::Refused => !is_same_origin(request),
    }
}

/// `Origin` naming the request's own host (`https://api.example` for `Host: api.example`).
pub(crate) fn is_same_origin<B>(request: &http::Request<B>) -> bool {
    let Some(origin) = request.headers().get(ORIGIN) else {
        return false;
    };
    let Some((_, authority)) = origin.as_bytes().split_once_str(b"://") else {
        return false;
    };
    // RFC 9112 section 3.2.2: an absolute-form target's authority wins over `Host`; HTTP/2
    // sends no `Host`, its `:authority` is the URI's.
    let host = request
        .uri()
        .authority()
        .map(|a| a.as_str().as_bytes())
        .or_else(|| request.headers().get(HOST).map(|h| h.as_bytes()));
    host == Some(authority)
}

/// Whether a browser sent `request` from the server's own origin: `Sec-Fetch-Site:
/// same-origin` (Fetch Metadata), or an `Origin` naming the request's own host. Such a
/// request is no CORS request, so a policy that does not list the origin refuses nothing.
pub(crate) fn is_same_origin_request<B>(request: &http::Request<B>) -> bool {
    request
        .headers()
        .get(SEC_FETCH_SITE)
        .is_some_and(|site| site == "same-origin")
        || is_same_origin(request)
}

trait SplitOnceBytes {
    fn split_once_str(&self, separator: &[u8]) -> Option<(&[u8], &[u8])>;
}

impl SplitOnceBytes for [u8] {
    fn split_once_str(&self, separator: &[u8]) -> Option<(&[u8], &[u8])> {
        let at = self.windows(separator.len()).position(|w| w == separator)?;
        Some((&self[..at], &self[at + separator.len()..]))
    }
}
