//! What a valid allowed origin is: exactly the ASCII serialization of a URL's origin
//! (HTML, "serialization of an origin"), since browsers send that and matching is
//! byte-exact. The `url` crate (WHATWG URL) does the parsing; the host it returns must
//! then be a name a site can have ([`super::name`]).

use std::fmt;

use url::{Host, Url};

use super::name::{self, HostOf, Problem};
use super::{Origin, Scheme, is_loopback_host};

/// Why a string is not an origin a policy can allow, with the corrected spelling when
/// there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginError {
    /// What is wrong, for a newcomer.
    pub problem: String,
    /// The spelling to use instead, if one exists.
    pub suggestion: Option<String>,
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "; write `{suggestion}`")?;
        }
        Ok(())
    }
}

fn err(problem: impl Into<String>, suggestion: Option<String>) -> OriginError {
    OriginError {
        problem: problem.into(),
        suggestion,
    }
}

/// Checks one allowed origin, such as `https://app.example.com` or `http://localhost:3000`,
/// and returns its parts (borrowed from `origin`, which is in serialized form).
pub fn check(origin: &str) -> Result<Origin<'_>, OriginError> {
    check_host_of(origin, HostOf::Origin)
}

/// [`check`], with the host name rules of `of`: those of an origin, or of the fixed part
/// of a subdomain pattern (`https://example.com` for `https://*.example.com`).
pub(crate) fn check_host_of(origin: &str, of: HostOf) -> Result<Origin<'_>, OriginError> {
    if origin.is_empty() {
        return Err(err(
            "an origin cannot be empty; write it as `scheme://host[:port]`, e.g. `https://app.example.com`",
            None,
        ));
    }
    if origin == "*" {
        return Err(err(
            "`*` cannot be mixed into a list of origins: write `origins = \"*\"` on its own for any origin, or list origins only",
            None,
        ));
    }
    if origin.eq_ignore_ascii_case("null") {
        return Err(err(
            "`null` is the origin of sandboxed frames, `file:` pages and redirects: any site can produce it, so allowing it allows everyone; list the real origins",
            None,
        ));
    }
    if !origin.contains("://") {
        return Err(missing_scheme(origin));
    }
    let url = Url::parse(origin).map_err(|e| match e {
        url::ParseError::InvalidPort => err(
            format!("`{origin}` has an invalid port: ports go from 1 to 65535"),
            None,
        ),
        e => err(
            format!("`{origin}` is not a valid origin ({e}): an origin is `scheme://host[:port]`"),
            None,
        ),
    })?;
    let scheme = match url.scheme() {
        "http" => Scheme::Http,
        "https" => Scheme::Https,
        "file" => {
            return Err(err(
                "`file://` pages have the opaque origin `null`, which any site can produce; serve the page over http(s) and list that origin",
                None,
            ));
        }
        other => {
            return Err(err(
                format!(
                    "only `http://` and `https://` origins can be listed; `{other}:` is not one of them"
                ),
                None,
            ));
        }
    };
    if let Some(Host::Domain(host)) = url.host()
        && let Some(problem) = name::check(host, of)
    {
        return Err(host_name_error(
            origin,
            scheme,
            host,
            url.port(),
            of,
            &problem,
        ));
    }
    let canonical = url.origin().ascii_serialization();
    if origin == canonical {
        return match url.port() {
            Some(0) => Err(err(
                format!(
                    "`{origin}` has port 0, which no page can be served from: ports go from 1 to 65535"
                ),
                None,
            )),
            port => {
                // `origin` is its own serialization: the host is what follows `://`, up
                // to the port.
                let host = &origin[scheme.as_str().len() + 3..];
                let host = port.map_or(host, |p| &host[..host.len() - p.to_string().len() - 1]);
                Ok(Origin::from_parts(scheme, host, port))
            }
        };
    }
    Err(err(explain_difference(origin, &url), Some(canonical)))
}

/// A host that can never name a site ([`name`]). An empty label or a final dot most
/// likely stands for the host without it, suggested when that is valid.
fn host_name_error(
    origin: &str,
    scheme: Scheme,
    host: &str,
    port: Option<u16>,
    of: HostOf,
    problem: &Problem<'_>,
) -> OriginError {
    let (Problem::EmptyLabel { .. } | Problem::FinalDot) = problem else {
        return problem.error(origin, of, None, None);
    };
    let fixed = name::without_empty_labels(host);
    let suggestion = serialize(scheme, &fixed, port).filter(|s| check_host_of(s, of).is_ok());
    // `.example.com` is how cookies say "and its subdomains".
    let subdomains = matches!(problem, Problem::EmptyLabel { leading: true })
        .then(|| serialize(scheme, &format!("*.{fixed}"), port))
        .flatten()
        .filter(|p| crate::pattern::check(p).is_ok());
    problem.error(origin, of, suggestion, subdomains)
}

/// `scheme://host[:port]`; `None` without a host.
fn serialize(scheme: Scheme, host: &str, port: Option<u16>) -> Option<String> {
    match port {
        _ if host.is_empty() => None,
        Some(port) => Some(format!("{}://{host}:{port}", scheme.as_str())),
        None => Some(format!("{}://{host}", scheme.as_str())),
    }
}

/// `app.example.com`, `localhost:3000`, `https:app.example.com`: suggest the origin the
/// user most likely meant.
fn missing_scheme(origin: &str) -> OriginError {
    if let Ok(url) = Url::parse(origin)
        && matches!(url.scheme(), "http" | "https")
        && url.host().is_some()
    {
        return err(
            format!(
                "`{origin}` lacks the `//` after the scheme: an origin is `scheme://host[:port]`"
            ),
            Some(url.origin().ascii_serialization()),
        );
    }
    let host = origin.split([':', '/']).next().unwrap_or(origin);
    let scheme = if is_loopback_host(host) || host.starts_with('[') {
        "http"
    } else {
        "https"
    };
    let suggestion = Url::parse(&format!("{scheme}://{origin}"))
        .ok()
        .map(|url| url.origin().ascii_serialization())
        .filter(|s| s != "null");
    err(
        format!("`{origin}` has no scheme: an origin is `scheme://host[:port]`"),
        suggestion,
    )
}

/// Names the first way `origin` differs from its serialized form.
fn explain_difference(origin: &str, url: &Url) -> String {
    let after_scheme = &origin[origin.find("://").map_or(0, |i| i + 3)..];
    if origin.trim() != origin {
        return format!("`{origin}` has spaces around it");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return format!(
            "`{origin}` has a user name or password before `@`, which an origin never has"
        );
    }
    if let Some(fragment) = url.fragment() {
        return format!("`{origin}` has a fragment (`#{fragment}`), which an origin never has");
    }
    if let Some(query) = url.query() {
        return format!("`{origin}` has a query (`?{query}`), which an origin never has");
    }
    if url.path() != "/" {
        return format!(
            "`{origin}` has a path (`{}`), which an origin never has",
            url.path()
        );
    }
    if after_scheme.ends_with('/') {
        return format!(
            "`{origin}` ends with `/`: browsers send the origin without it, so this never matches"
        );
    }
    if origin.bytes().any(|b| !b.is_ascii()) {
        return format!("`{origin}` has a non-ASCII host: browsers send its punycode form");
    }
    let host_as_written = after_scheme.starts_with(url.host_str().unwrap_or_default());
    match url.host() {
        Some(Host::Ipv6(_)) if !host_as_written => {
            return format!("`{origin}` is not the compressed IPv6 form browsers send");
        }
        Some(Host::Ipv4(_)) if !host_as_written => {
            return format!(
                "`{origin}` does not write its IPv4 address as browsers send it (four decimal numbers)"
            );
        }
        _ => {}
    }
    if origin.bytes().any(|b| b.is_ascii_uppercase()) {
        return format!("`{origin}` has upper-case letters: browsers send origins in lower case");
    }
    if url.port().is_none() && after_scheme.contains(':') {
        return format!(
            "`{origin}` spells out the default port: browsers leave it out, so this never matches"
        );
    }
    format!("`{origin}` is not in the serialized form browsers send")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(origin: &str) -> Option<String> {
        check(origin).unwrap_err().suggestion
    }

    #[test]
    fn serialized_origins_pass() {
        for ok in [
            "https://app.example.com",
            "http://localhost:3000",
            "http://127.0.0.1:8080",
            "http://[::1]:3000",
            "https://xn--bcher-kva.example",
            "https://a.example:1",
            "https://a.example:65535",
        ] {
            assert_eq!(check(ok).map(|o| o.to_string()).as_deref(), Ok(ok), "{ok}");
        }
    }

    #[test]
    fn near_misses_suggest_the_serialized_form() {
        let cases = [
            ("https://app.example.com/", "https://app.example.com"),
            ("https://app.example.com:443", "https://app.example.com"),
            ("http://app.example.com:80", "http://app.example.com"),
            ("https://App.Example.com", "https://app.example.com"),
            ("HTTPS://app.example.com", "https://app.example.com"),
            ("https://bücher.example", "https://xn--bcher-kva.example"),
            ("http://[0:0:0:0:0:0:0:1]:3000", "http://[::1]:3000"),
            ("https://a.example/path", "https://a.example"),
            ("https://a.example?q", "https://a.example"),
            ("https://a.example#f", "https://a.example"),
            ("https://user@a.example", "https://a.example"),
            ("app.example.com", "https://app.example.com"),
        ];
        for (bad, good) in cases {
            assert_eq!(suggestion(bad).as_deref(), Some(good), "{bad}");
        }
    }

    #[test]
    fn ports_at_the_edges() {
        for ok in [
            "https://a.example:1",
            "https://a.example:65535",
            "http://localhost:1",
            "http://localhost:65535",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        for bad in [
            "https://a.example:0",
            "https://a.example:65536",
            "http://localhost:0",
            "http://localhost:65536",
            "http://localhost:99999999999",
        ] {
            let e = check(bad).unwrap_err();
            assert!(e.problem.contains("ports go from 1 to 65535"), "{bad}: {e}");
            assert_eq!(e.suggestion, None, "{bad}");
        }
    }

    #[test]
    fn more_near_misses() {
        let cases = [
            ("localhost:3000", "http://localhost:3000"),
            ("127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("app.example.com/", "https://app.example.com"),
            ("app.example.com/path", "https://app.example.com"),
            ("https:app.example.com", "https://app.example.com"),
            (" https://a.example", "https://a.example"),
            ("http://127.1", "http://127.0.0.1"),
            ("http://127.0.0.1:80", "http://127.0.0.1"),
            ("http://[::1]:80", "http://[::1]"),
            ("http://[::ABCD]", "http://[::abcd]"),
        ];
        for (bad, good) in cases {
            assert_eq!(suggestion(bad).as_deref(), Some(good), "{bad}");
        }
        let ipv6 = check("http://[::1]:80").unwrap_err();
        assert!(ipv6.problem.contains("default port"), "{ipv6}");
        assert!(check("").is_err());
        assert!(check("chrome-extension://abcdef").is_err());
    }

    #[test]
    fn origins_that_allow_everyone_are_refused() {
        for bad in [
            "null",
            "NULL",
            "file://",
            "file:///home/me/index.html",
            "*",
            "ftp://a.example",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hosts_no_site_can_have_are_refused_with_the_fix() {
        let cases = [
            (
                "https://example..com",
                "`https://example..com` has an empty label (`..`) in its host: no DNS name has one, so no site is served from such a host and this never matches",
                Some("https://example.com"),
            ),
            (
                "https://.example.com",
                "`https://.example.com` starts its host with `.`, an empty label: no DNS name has one, so no site is served from such a host and this never matches (a leading `.` does not mean subdomains: for those, list the pattern `https://*.example.com`)",
                Some("https://example.com"),
            ),
            (
                "https://example.com.",
                "`https://example.com.` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
                Some("https://example.com"),
            ),
            (
                "https://example.com.:8443",
                "`https://example.com.:8443` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
                Some("https://example.com:8443"),
            ),
            // Checked on the host as serialized, before the other differences, which
            // the suggestion fixes too.
            (
                "https://App.example.com./",
                "`https://App.example.com./` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
                Some("https://app.example.com"),
            ),
            (
                "https://b\u{fc}cher..example",
                "`https://b\u{fc}cher..example` has an empty label (`..`) in its host: no DNS name has one, so no site is served from such a host and this never matches",
                Some("https://xn--bcher-kva.example"),
            ),
            (
                "http://localhost.",
                "`http://localhost.` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
                Some("http://localhost"),
            ),
            // No suggestion that would be refused in turn, no pattern hint on a public
            // suffix.
            (
                "https://.",
                "`https://.` starts its host with `.`, an empty label: no DNS name has one, so no site is served from such a host and this never matches",
                None,
            ),
            (
                "https://.example.com:0",
                "`https://.example.com:0` starts its host with `.`, an empty label: no DNS name has one, so no site is served from such a host and this never matches",
                None,
            ),
            (
                "https://.github.io",
                "`https://.github.io` starts its host with `.`, an empty label: no DNS name has one, so no site is served from such a host and this never matches",
                Some("https://github.io"),
            ),
        ];
        for (bad, problem, suggestion) in cases {
            let e = check(bad).unwrap_err();
            assert_eq!(e.problem, problem, "{bad}");
            assert_eq!(e.suggestion.as_deref(), suggestion, "{bad}");
        }
    }

    #[test]
    fn labels_and_hosts_at_their_limits() {
        let label = |len: usize| "a".repeat(len);
        assert!(check(&format!("https://{}.com", label(63))).is_ok());
        assert!(check(&format!("https://{}", label(63))).is_ok());
        let long = format!("https://www.{}.com:8443", label(64));
        assert_eq!(
            check(&long),
            Err(OriginError {
                problem: format!(
                    "`{long}` has a label of 64 bytes in its host (`{}`): DNS labels have at most 63 bytes, so no site is served from such a host and this never matches",
                    label(64)
                ),
                suggestion: None,
            })
        );
        let host = name::name_of(253);
        assert_eq!(
            check(&format!("https://{host}")).map(|o| o.host()),
            Ok(host.as_str())
        );
        let long = format!("https://{}", name::name_of(254));
        assert_eq!(
            check(&long),
            Err(OriginError {
                problem: format!(
                    "`{long}` has a host of 254 bytes: DNS names have at most 253 bytes, so no site is served from such a host and this never matches"
                ),
                suggestion: None,
            })
        );
        // Measured in the punycode form browsers send: 60 letters and a `ü` are 61
        // characters, but `xn--`, the letters, `-` and the `ü` encoded: 68 bytes.
        let unicode = format!("https://{}\u{fc}.example", label(60));
        let e = check(&unicode).unwrap_err();
        assert!(
            e.problem.contains(&format!(
                "has a label of 68 bytes in its host (`xn--{}-3hg`)",
                label(60)
            )),
            "{e}"
        );
    }

    #[test]
    fn addresses_have_no_labels() {
        for ok in [
            "http://127.0.0.1",
            "http://[::1]:3000",
            "http://[2001:db8::1]",
            "http://10.0.0.1:8080",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        // A final dot after an IPv4 address is dropped by the URL parser, browsers
        // included: the ordinary near miss, with the address as the fix.
        assert_eq!(
            suggestion("http://127.0.0.1.").as_deref(),
            Some("http://127.0.0.1")
        );
    }
}
