//! One `tracing` event per refusal (target `cors`, level debug), naming the route, the
//! handler, the origin and the reason. Nothing is formatted unless the event is enabled.
//!
//! The first refusal of each kind for a handler is also a `warn` event with the fix, so a
//! developer whose app logs at the usual `info` level sees why the browser said "blocked
//! by CORS policy" without enabling anything; later ones of that kind stay at `debug`.

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

use axum::extract::MatchedPath;
use http::{HeaderValue, Request};

use crate::compiled::CompiledPolicy;
use crate::keys::Names;
use crate::origin::OriginSet;
use crate::strict::is_same_origin_request;
use cors_rules::request_headers::{ListError, MAX_EMPTY_ITEMS, MAX_REQUEST_HEADERS_BYTES};

/// Why a CORS request got no permission.
#[derive(Debug)]
pub(crate) enum Refusal<'a> {
    /// The origin is not in the policy (or came on several lines).
    Origin,
    /// A preflight named a method no handler of this path is routed on.
    Method(&'a [u8]),
    /// A preflight asked for request headers the policy does not allow.
    Headers(ListError<'a>),
    /// Strict mode: a state-changing cross-origin request from a disallowed origin.
    Strict,
    /// A WebSocket handshake from a disallowed origin (not the server's own).
    WebSocket,
}

/// The kinds of method refusal already warned about (they have no handler to keep it).
static WARNED_WITHOUT_HANDLER: AtomicU8 = AtomicU8::new(0);

/// Emits the refusal event for a request to a policy route.
pub(crate) fn refused<B>(
    request: &Request<B>,
    policy: Option<&CompiledPolicy>,
    refusal: Refusal<'_>,
) {
    // Without a subscriber for target `cors` (most production servers), stop before the
    // lookups below, which cost more than the refusal itself. The events are `warn` or
    // `debug`: a filter that lets `debug` through lets `warn` through too.
    if !tracing::enabled!(target: "cors", tracing::Level::WARN) {
        return;
    }
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str);
    // A page of the server's own origin sent it: no CORS request, so nothing was refused
    // (the response simply carries no CORS headers, which a same-origin page ignores).
    if let Refusal::Origin = refusal
        && is_same_origin_request(request)
    {
        tracing::trace!(target: "cors", route, "same-origin request: no CORS headers needed");
        return;
    }
    let handler = policy.map(|p| p.definition.handler);
    let origin = Lossy(
        request
            .headers()
            .get(http::header::ORIGIN)
            .map(HeaderValue::as_bytes),
    );
    let reason = Reason {
        refusal: &refusal,
        policy,
    };
    // One event: `warn` with the fix the first time, `debug` after (the level of a
    // `tracing` event is fixed where it is written, hence the two calls).
    macro_rules! refusal_event {
        ($level:ident, $($fix:tt)*) => {
            tracing::event!(
                target: "cors",
                tracing::Level::$level,
                route,
                handler,
                origin = %origin,
                reason = %reason,
                $($fix)*
            )
        };
    }
    if first_of_its_kind(policy, &refusal) {
        let fix = Fix {
            refusal: &refusal,
            handler: handler.unwrap_or("the handler"),
        };
        refusal_event!(
            WARN,
            fix = %fix,
            "CORS request refused; the browser shows only \"blocked by CORS policy\" (shown once per handler and kind of refusal; all of them are `debug` events of target `cors`)"
        );
    } else {
        refusal_event!(DEBUG, "CORS request refused");
    }
}

/// Whether this is the first refusal of its kind for the handler; malformed preflights
/// (not a mistake of the policy) are never warned about.
fn first_of_its_kind(policy: Option<&CompiledPolicy>, refusal: &Refusal<'_>) -> bool {
    let bit = match refusal {
        Refusal::Origin => 1,
        Refusal::Method(_) => 2,
        Refusal::Headers(ListError::NotAllowed(_)) => 4,
        Refusal::Headers(_) => return false,
        Refusal::Strict => 8,
        Refusal::WebSocket => 16,
    };
    let warned = policy.map_or(&WARNED_WITHOUT_HANDLER, |p| p.warned);
    // A load first: once warned, a refusal costs no write to shared memory.
    warned.load(Ordering::Relaxed) & bit == 0 && warned.fetch_or(bit, Ordering::Relaxed) & bit == 0
}

/// What to change, for the `warn` event.
struct Fix<'r, 'a> {
    refusal: &'r Refusal<'a>,
    handler: &'r str,
}

impl fmt::Display for Fix<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let handler = self.handler;
        match self.refusal {
            Refusal::Headers(ListError::NotAllowed(name)) => write!(
                f,
                "if the page may send `{}`, add it to `headers` in the #[cors] of `{handler}` (a JSON body needs \"content-type\")",
                Lossy(Some(name))
            ),
            Refusal::Method(method) => write!(
                f,
                "if the page may send {}, route a #[cors] handler of this path on it (its `methods`)",
                Lossy(Some(method))
            ),
            Refusal::Origin | Refusal::Strict | Refusal::WebSocket => write!(
                f,
                "if this origin may call `{handler}`, add it to `origins` in its #[cors] (byte for byte: scheme, host, port, no slash)"
            ),
            Refusal::Headers(_) => Ok(()),
        }
    }
}

struct Reason<'r, 'a> {
    refusal: &'r Refusal<'a>,
    policy: Option<&'r CompiledPolicy>,
}

impl fmt::Display for Reason<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.refusal, self.policy) {
            (Refusal::Origin, Some(p)) => match &p.origins {
                Some(set) => {
                    write!(f, "origin not in allowed origins {}", ListedOrigins(set))
                }
                None => write!(f, "origin refused"),
            },
            (Refusal::Origin, None) => write!(f, "origin refused"),
            (Refusal::Method(m), _) => write!(
                f,
                "method `{}` is not routed with a CORS policy on this path",
                Lossy(Some(m))
            ),
            (Refusal::WebSocket, _) => write!(
                f,
                "WebSocket handshake from an origin the policy does not allow (browsers apply no CORS to WebSockets; RFC 6455 section 10.2); the handler did not run"
            ),
            (Refusal::Strict, _) => write!(
                f,
                "strict mode: state-changing cross-origin request from a disallowed origin; the handler did not run"
            ),
            (Refusal::Headers(h), p) => match h {
                ListError::TooLarge(n) => write!(
                    f,
                    "Access-Control-Request-Headers is {n} bytes, over the {MAX_REQUEST_HEADERS_BYTES}-byte cap"
                ),
                ListError::TooManyEmptyItems => write!(
                    f,
                    "Access-Control-Request-Headers has more than {MAX_EMPTY_ITEMS} empty items"
                ),
                ListError::NotAToken(name) => {
                    write!(
                        f,
                        "requested header `{}` is not a valid name",
                        Lossy(Some(name))
                    )
                }
                ListError::NotAllowed(name) => {
                    write!(f, "header `{}` not in allowed headers ", Lossy(Some(name)))?;
                    match p.map(|p| p.keys.headers) {
                        Some(Names::List(names)) => write!(f, "{names:?}"),
                        Some(Names::Any | Names::AnyAndAuthorization) => {
                            write!(f, "\"*\" (which never covers authorization)")
                        }
                        _ => write!(f, "[]"),
                    }
                }
            },
        }
    }
}

/// Shows request bytes as text, escaping what is not printable ASCII.
struct Lossy<'a>(Option<&'a [u8]>);

impl fmt::Display for Lossy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            None => write!(f, "<none>"),
            Some(bytes) => write!(f, "{}", bytes.escape_ascii()),
        }
    }
}

/// `["https://a.example", "https://*.example.com", ...]`: the origins the request was
/// compared with, those read from `env(...)` and `from_fn(...)` included, at most
/// [`LISTED_AT_MOST`] of them.
struct ListedOrigins<'a>(&'a OriginSet);

/// A policy may allow a thousand origins; a log line names the first ones and the count.
const LISTED_AT_MOST: usize = 20;

impl fmt::Display for ListedOrigins<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        let mut count = 0;
        let mut list = |origin: &dyn fmt::Display| {
            count += 1;
            if count > LISTED_AT_MOST {
                return Ok(());
            }
            if count > 1 {
                f.write_str(", ")?;
            }
            write!(f, "\"{origin}\"")
        };
        self.0.for_each(&mut list)?;
        // A live set as of its last change: a refresh may bring the origin a moment later.
        for live in self.0.live_sets() {
            list(&live.describe())?;
        }
        if count > LISTED_AT_MOST {
            write!(f, ", and {} more", count - LISTED_AT_MOST)?;
        }
        f.write_str("]")
    }
}

#[cfg(test)]
mod tests {
    use cors_rules::entry::Entry;
    use cors_rules::origin::check;

    use super::*;

    #[test]
    fn a_long_list_names_the_first_origins_and_the_count() {
        let origins: Vec<String> = (0..25)
            .map(|i| format!("https://o{i:02}.example"))
            .collect();
        let entries: Vec<Entry<'static>> = origins
            .iter()
            .map(|o| Entry::Exact(check(o.clone().leak()).unwrap()))
            .collect();
        let listed = ListedOrigins(&OriginSet::new(&entries, Vec::new())).to_string();
        assert!(
            listed.starts_with(r#"["https://o00.example", "https://o01.example""#),
            "{listed}"
        );
        assert!(
            listed.ends_with(r#""https://o19.example", and 5 more]"#),
            "{listed}"
        );
    }
}
