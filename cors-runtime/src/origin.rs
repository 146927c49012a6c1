//! Matching the request's `Origin` against a policy (Fetch, "CORS check"): exact origins
//! by a scan of a short list or a hash lookup in a long one, subdomain patterns by a
//! lookup per label of the host, loopback port patterns by a scan of at most a few
//! entries.

use std::collections::HashMap;

use http::HeaderValue;

use cors_rules::entry::Entry;
use cors_rules::origin::Origin;
use cors_rules::pattern::OriginPattern;

use crate::live::LiveOrigins;
use crate::sent::Sent;

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
    exact: ExactOrigins,
    /// `scheme://*.domain[:port]` patterns, sorted, for a binary search per parent domain.
    subdomains: Box<[OriginPattern<'static>]>,
    /// `scheme://host:*` patterns (a few loopback hosts at most).
    any_port: Box<[OriginPattern<'static>]>,
    /// `live(NAME)` sets, read on every request.
    live: Box<[&'static LiveOrigins]>,
}

/// Serialized origins, each also the value to echo (a `from_static` value: cloning it
/// touches no reference count). A short list is scanned (comparing lengths first, so most
/// entries cost one comparison); a long one is hashed, so that a lookup among 1,000
/// origins costs about what it costs among a few.
#[derive(Debug)]
enum ExactOrigins {
    Few(Box<[HeaderValue]>),
    Hashed(HashMap<&'static [u8], HeaderValue>),
}

/// From this many exact origins on, hashing the request's origin (once) beats comparing
/// it with each. Measured with the `origins_actual` bench when short lists were still
/// binary-searched: 10 origins took 626 ns searched and 585 ns hashed, against 570-590 ns
/// for 1 origin.
const HASHED_FROM: usize = 4;

impl Default for ExactOrigins {
    fn default() -> Self {
        ExactOrigins::Few(Box::default())
    }
}

impl ExactOrigins {
    fn new(mut origins: Vec<&'static str>) -> Self {
        origins.sort_unstable();
        origins.dedup();
        let values = origins.iter().map(|text| HeaderValue::from_static(text));
        if origins.len() < HASHED_FROM {
            ExactOrigins::Few(values.collect())
        } else {
            ExactOrigins::Hashed(
                origins
                    .iter()
                    .map(|text| text.as_bytes())
                    .zip(values)
                    .collect(),
            )
        }
    }

    /// The listed origin equal to `origin`, byte for byte.
    fn find(&self, origin: &[u8]) -> Option<&HeaderValue> {
        match self {
            ExactOrigins::Few(few) => few.iter().find(|listed| listed.as_bytes() == origin),
            ExactOrigins::Hashed(hashed) => hashed.get(origin),
        }
    }

    fn values(&self) -> Vec<&HeaderValue> {
        match self {
            ExactOrigins::Few(few) => few.iter().collect(),
            ExactOrigins::Hashed(hashed) => hashed.values().collect(),
        }
    }
}

impl OriginSet {
    /// Builds the set from checked entries.
    pub(crate) fn new(entries: &[Entry<'static>], live: Vec<&'static LiveOrigins>) -> OriginSet {
        let mut exact = Vec::new();
        let mut subdomains = Vec::new();
        let mut any_port = Vec::new();
        for entry in entries {
            match entry {
                // A serialized origin is visible ASCII, a valid header value. Kept for the
                // life of the process (the set is built once per policy), so echoing it
                // copies a pointer: no reference count per request.
                Entry::Exact(origin) => {
                    let text = origin.to_string();
                    if HeaderValue::from_str(&text).is_ok() {
                        exact.push(&*text.leak());
                    }
                }
                Entry::Pattern(p @ OriginPattern::Subdomains { .. }) => subdomains.push(*p),
                Entry::Pattern(p @ OriginPattern::AnyPort { .. }) => any_port.push(*p),
            }
        }
        subdomains.sort();
        OriginSet {
            exact: ExactOrigins::new(exact),
            subdomains: subdomains.into(),
            any_port: any_port.into(),
            live: live.into(),
        }
    }

    /// Calls `each` with every allowed origin (sorted byte-wise, for a reader) and
    /// pattern, as text (for diagnostics).
    pub(crate) fn for_each(
        &self,
        mut each: impl FnMut(&dyn std::fmt::Display) -> std::fmt::Result,
    ) -> std::fmt::Result {
        let mut exact = self.exact.values();
        exact.sort_by_key(|origin| origin.as_bytes());
        for origin in exact {
            each(&String::from_utf8_lossy(origin.as_bytes()))?;
        }
        for pattern in self.subdomains.iter().chain(&self.any_port) {
            each(pattern)?;
        }
        Ok(())
    }

    /// The `live(NAME)` sets, which [`for_each`](Self::for_each) does not list.
    pub(crate) fn live_sets(&self) -> &[&'static LiveOrigins] {
        &self.live
    }

    /// Whether the serialized origin `origin` is allowed. Byte-exact: no trimming, no
    /// case folding, no default-port folding, so `null`, lists and look-alikes never match.
    pub(crate) fn find(&self, origin: &HeaderValue) -> Option<HeaderValue> {
        let bytes = origin.as_bytes();
        if let Some(listed) = self.exact.find(bytes) {
            return Some(listed.clone());
        }
        if self.live.iter().any(|live| live.allows(bytes)) {
            return Some(origin.clone());
        }
        if self.subdomains.is_empty() && self.any_port.is_empty() {
            return None;
        }
        let parsed = Origin::from_request(bytes)?;
        let allowed = self.any_port.iter().any(|p| p.matches(&parsed))
            || parsed.parent_domains().any(|domain| {
                // The pattern this origin would need, looked up among the sorted ones.
                let wanted = OriginPattern::Subdomains {
                    scheme: parsed.scheme(),
                    domain,
                    port: parsed.port(),
                };
                self.subdomains.binary_search(&wanted).is_ok()
            });
        allowed.then(|| origin.clone())
    }
}

/// The verdict of `origins` (`None` for an any-origin policy) on a request's `Origin`
/// lines (Fetch, "CORS check"); two lines never match.
#[inline]
pub(crate) fn verdict(origins: Option<&OriginSet>, origin: Sent<'_>) -> OriginVerdict {
    let Some(set) = origins else {
        return OriginVerdict::Any;
    };
    let origin = match origin {
        Sent::Never => return OriginVerdict::Absent,
        Sent::Once(origin) => origin,
        Sent::Repeated => return OriginVerdict::Refused,
    };
    match set.find(origin) {
        Some(echo) => OriginVerdict::Allowed(echo),
        None => OriginVerdict::Refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn set(exact: &[&'static str], patterns: &[&'static str]) -> OriginSet {
        let exact = exact
            .iter()
            .map(|o| Entry::Exact(cors_rules::origin::check(o).unwrap()));
        let patterns = patterns
            .iter()
            .map(|p| Entry::Pattern(cors_rules::pattern::check(p).unwrap()));
        OriginSet::new(&exact.chain(patterns).collect::<Vec<_>>(), Vec::new())
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

    /// 40 origins: hashed rather than searched.
    fn long_list() -> Vec<&'static str> {
        (0..40)
            .map(|i| &*format!("https://app{i}.example").leak())
            .collect()
    }

    #[test]
    fn a_long_list_matches_exactly_as_a_short_one() {
        let listed = long_list();
        let long = set(&listed, &[]);
        assert!(matches!(long.exact, ExactOrigins::Hashed(_)));
        assert!(matches!(set(&listed[..3], &[]).exact, ExactOrigins::Few(_)));
        for origin in &listed {
            assert!(allowed(&long, origin.as_bytes()), "{origin}");
        }
        for miss in [
            "https://app40.example",
            "https://app1.example/",
            "https://APP1.example",
            "https://app1.example:443",
            "https://app1.example, https://app2.example",
            "",
        ] {
            assert!(!allowed(&long, miss.as_bytes()), "{miss}");
        }
        // Diagnostics list them sorted byte-wise, however they are stored.
        let mut shown = Vec::new();
        long.for_each(|origin| {
            shown.push(origin.to_string());
            Ok(())
        })
        .unwrap();
        let mut sorted = listed.iter().map(|o| o.to_string()).collect::<Vec<_>>();
        sorted.sort();
        assert_eq!(shown, sorted);
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

        #[test]
        fn long_lists_match_only_their_entries(
            pick in 0..80usize,
            tail in proptest::collection::vec(any::<u8>(), 0..3),
        ) {
            // Half the picks are listed origins, some with bytes appended.
            let listed = long_list();
            let long = set(&listed, &[]);
            let mut bytes = listed.get(pick).map_or(b"https://app.example".to_vec(), |o| o.as_bytes().to_vec());
            bytes.extend(&tail);
            let expected = listed.iter().any(|o| o.as_bytes() == bytes.as_slice());
            prop_assert_eq!(allowed(&long, &bytes), expected);
        }
    }
}
