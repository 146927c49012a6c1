//! Appending to `Vary` without overwriting or duplicating (Fetch, "CORS protocol and
//! HTTP caches").

use http::header::{Entry, VARY};
use http::{HeaderMap, HeaderValue};

/// `Vary: Origin`, for every response of a route whose answer depends on `Origin`.
pub(crate) const VARY_ORIGIN: HeaderValue = HeaderValue::from_static("Origin");

/// `Vary` of a preflight answer, which also depends on what it asks for.
pub(crate) const VARY_PREFLIGHT: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

/// Adds a `Vary: Origin` line unless the handler's own `Vary` already names `Origin`
/// (or is `*`, which covers it). `has_vary`: whether `headers` has a `Vary` at all, known
/// from a scan of their names (for most responses, which have none and only a few lines,
/// cheaper than a keyed lookup, and it leaves one plain append).
pub(crate) fn append_vary_origin(headers: &mut HeaderMap, has_vary: bool) {
    if !has_vary {
        headers.append(VARY, VARY_ORIGIN);
        return;
    }
    match headers.entry(VARY) {
        Entry::Vacant(vary) => {
            vary.insert(VARY_ORIGIN);
        }
        Entry::Occupied(mut vary) => {
            let covered = vary.iter().any(|line| {
                line.as_bytes()
                    .split(|&b| b == b',')
                    .map(<[u8]>::trim_ascii)
                    .any(|token| token == b"*" || token.eq_ignore_ascii_case(b"origin"))
            });
            if !covered {
                vary.append(VARY_ORIGIN);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vary_lines(headers: &HeaderMap) -> Vec<&str> {
        headers
            .get_all(VARY)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect()
    }

    #[test]
    fn appends_once_beside_the_handlers_vary() {
        let mut headers = HeaderMap::new();
        headers.append(VARY, HeaderValue::from_static("Accept-Encoding"));
        append_vary_origin(&mut headers, true);
        append_vary_origin(&mut headers, true);
        assert_eq!(vary_lines(&headers), ["Accept-Encoding", "Origin"]);
    }

    #[test]
    fn an_existing_origin_or_star_is_kept_as_is() {
        for existing in ["accept, ORIGIN", "*"] {
            let mut headers = HeaderMap::new();
            headers.append(VARY, HeaderValue::from_static(existing));
            append_vary_origin(&mut headers, true);
            assert_eq!(vary_lines(&headers), [existing]);
        }
    }
}
