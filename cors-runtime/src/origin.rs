//! Matching the request's `Origin` against a policy (Fetch, "CORS check"): exact
//! origins by binary search, subdomain patterns by a lookup per label of the host,
//! loopback port patterns by a scan of at most a few entries.

use http::{HeaderMap, HeaderValue, header::ORIGIN};

use cors_rules::pattern::OriginPattern;

use crate::compiled::CompiledPolicy;

/// What a policy says about a request's `Origin`.
#[derive(Debug)]
pub(crate) enum OriginVerdict {
    /// Any-origin policy: answer with the constant `*`, whatever the request sent.
    Any,
    /// Allowed: echo this value (the request's origin, byte for byte).
    Allowed(HeaderValue),
    /// An `Origin` the policy does not allow (or more than one `Origin` line).
    Refused,
    /// No `Origin`: not a CORS request.
    Absent,
}

/// The allowed origins of a policy, ready for matching.
#[derive(Debug, Default)]
pub(crate) struct OriginSet {
    /// Serialized origins, sorted byte-wise; each is also the value to echo.
    pub(crate) exact: Box<[HeaderValue]>,
    /// `(scheme, domain, port)` of `scheme://*.domain[:port]`, sorted.
    pub(crate) subdomains: Box<[(String, String, Option<u16>)]>,
    /// `(scheme, host)` of `scheme://host:*`.
    pub(crate) any_port: Box<[(String, String)]>,
}

impl OriginSet {
    /// Builds the set from checked entries.
    pub(crate) fn new(exact: Vec<String>, patterns: Vec<OriginPattern>) -> OriginSet {
        let mut exact: Vec<HeaderValue> = exact
            .into_iter()
            .filter_map(|o| HeaderValue::from_str(&o).ok())
            .collect();
        exact.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        exact.dedup();
        let mut subdomains = Vec::new();
        let mut any_port = Vec::new();
        for pattern in patterns {
            match pattern {
                OriginPattern::Subdomains {
                    scheme,
                    domain,
                    port,
                } => subdomains.push((scheme, domain, port)),
                OriginPattern::AnyPort { scheme, host } => any_port.push((scheme, host)),
            }
        }
        subdomains.sort();
        OriginSet {
            exact: exact.into(),
            subdomains: subdomains.into(),
            any_port: any_port.into(),
        }
    }

    /// Whether the serialized origin `origin` is allowed. Byte-exact: no trimming, no
    /// case folding, no default-port folding, so `null`, lists and look-alikes never match.
    pub(crate) fn find(&self, origin: &HeaderValue) -> Option<HeaderValue> {
        let bytes = origin.as_bytes();
        if let Ok(i) = self
            .exact
            .binary_search_by(|probe| probe.as_bytes().cmp(bytes))
        {
            return Some(self.exact[i].clone());
        }
        if (!self.subdomains.is_empty() || !self.any_port.is_empty())
            && self.matches_pattern(std::str::from_utf8(bytes).ok()?)
        {
            return Some(origin.clone());
        }
        None
    }

    fn matches_pattern(&self, origin: &str) -> bool {
        let Some((scheme, authority)) = origin.split_once("://") else {
            return false;
        };
        let Some((host, port)) = split_port(scheme, authority) else {
            return false;
        };
        let any_port = self.any_port.iter().any(|(s, h)| s == scheme && h == host);
        any_port || self.matches_subdomain(scheme, host, port)
    }

    /// Tries each proper suffix of `host` that starts at a label boundary, so
    /// `a.example.com.evil.net` and `aexample.com` never match `*.example.com`.
    fn matches_subdomain(&self, scheme: &str, host: &str, port: Option<u16>) -> bool {
        if self.subdomains.is_empty() || !is_dns_host(host) {
            return false;
        }
        host.match_indices('.').any(|(dot, _)| {
            let domain = &host[dot + 1..];
            self.subdomains
                .binary_search_by(|(s, d, p)| {
                    (s.as_str(), d.as_str(), *p).cmp(&(scheme, domain, port))
                })
                .is_ok()
        })
    }
}

/// Splits `host[:port]` of a serialized origin. A port must be what a browser would
/// serialize: digits without a leading zero, 1-65535, not the scheme's default.
fn split_port<'a>(scheme: &str, authority: &'a str) -> Option<(&'a str, Option<u16>)> {
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority[i..].contains(']') => (&authority[..i], Some(&authority[i + 1..])),
        _ => (authority, None),
    };
    let Some(port) = port else {
        return Some((host, None));
    };
    if port.is_empty() || port.starts_with('0') || !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let port: u16 = port.parse().ok()?;
    let default = match scheme {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    (port != default).then_some((host, Some(port)))
}

/// Lower-case DNS labels: what a browser serializes, so upper case never matches.
fn is_dns_host(host: &str) -> bool {
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        })
}

impl CompiledPolicy {
    /// The verdict on the request's `Origin` header; two `Origin` lines never match.
    pub(crate) fn check_origin(&self, headers: &HeaderMap) -> OriginVerdict {
        let Some(set) = &self.origins else {
            return OriginVerdict::Any;
        };
        let mut lines = headers.get_all(ORIGIN).iter();
        let Some(origin) = lines.next() else {
            return OriginVerdict::Absent;
        };
        if lines.next().is_some() {
            return OriginVerdict::Refused;
        }
        match set.find(origin) {
            Some(echo) => OriginVerdict::Allowed(echo),
            None => OriginVerdict::Refused,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn set(exact: &[&str], patterns: &[&str]) -> OriginSet {
        OriginSet::new(
            exact.iter().map(|s| s.to_string()).collect(),
            patterns
                .iter()
                .map(|p| cors_rules::pattern::check(p).unwrap())
                .collect(),
        )
    }

    fn allowed(set: &OriginSet, origin: &[u8]) -> bool {
        HeaderValue::from_bytes(origin).is_ok_and(|o| set.find(&o).is_some())
    }

    #[test]
    fn exact_matches_only() {
        let set = set(
            &[
                "https://b.example",
                "http://localhost:3000",
                "https://a.example",
            ],
            &[],
        );
        assert!(allowed(&set, b"https://a.example"));
        assert!(allowed(&set, b"http://localhost:3000"));
        for miss in [
            &b"https://a.example/"[..],
            b"HTTPS://a.example",
            b"https://A.example",
            b"https://a.example:443",
            b"https://a.example.evil.com",
            b"null",
            b"https://a.example, https://b.example",
            b"",
            b"https://\xc3\xa9.example",
        ] {
            assert!(!allowed(&set, miss), "{miss:?}");
        }
    }

    #[test]
    fn subdomain_patterns_match_at_label_boundaries() {
        let set = set(&[], &["https://*.example.com", "https://*.tenant.io:8443"]);
        for hit in [
            "https://a.example.com",
            "https://a.b.c.example.com",
            "https://x.tenant.io:8443",
        ] {
            assert!(allowed(&set, hit.as_bytes()), "{hit}");
        }
        for miss in [
            "https://example.com",
            "https://aexample.com",
            "https://a.example.com.evil.net",
            "http://a.example.com",
            "https://a.example.com:8443",
            "https://A.example.com",
            "https://.example.com",
            "https://a..example.com",
            "https://x.tenant.io",
            "https://x.tenant.io:08443",
            "https://a.example.com:443",
        ] {
            assert!(!allowed(&set, miss.as_bytes()), "{miss}");
        }
    }

    #[test]
    fn port_patterns_match_any_port_of_loopback_hosts() {
        let set = set(&[], &["http://localhost:*", "http://[::1]:*"]);
        for hit in [
            "http://localhost:5173",
            "http://localhost",
            "http://localhost:65535",
            "http://[::1]:3000",
        ] {
            assert!(allowed(&set, hit.as_bytes()), "{hit}");
        }
        for miss in [
            "http://localhost:0",
            "http://localhost:65536",
            "http://localhost:80",
            "http://localhost:0080",
            "http://localhost:",
            "https://localhost:5173",
            "http://localhost.evil.com:5173",
            "http://127.0.0.1:5173",
            "http://localhost:5173/",
        ] {
            assert!(!allowed(&set, miss.as_bytes()), "{miss}");
        }
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let set = set(&["https://a.example"], &["https://*.example.com", "http://localhost:*"]);
            let _ = allowed(&set, &bytes);
        }

        #[test]
        fn exact_lists_match_only_their_entries(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let set = set(&["https://a.example", "http://localhost:3000"], &[]);
            let listed = [&b"https://a.example"[..], b"http://localhost:3000"].contains(&bytes.as_slice());
            prop_assert_eq!(allowed(&set, &bytes), listed);
        }
    }
}
