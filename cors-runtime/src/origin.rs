//! Matching the request's `Origin` against a policy (Fetch, "CORS check").

use http::{HeaderMap, HeaderValue, header::ORIGIN};

use crate::compiled::CompiledPolicy;
use crate::policy::Origins;

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

impl CompiledPolicy {
    /// Byte-exact match of the serialized origin: no trimming, no case folding, no
    /// default-port folding, so `null`, lists and look-alikes never match.
    pub(crate) fn check_origin(&self, headers: &HeaderMap) -> OriginVerdict {
        let list = match self.policy.origins {
            Origins::Any => return OriginVerdict::Any,
            Origins::Exact(list) => list,
        };
        let mut lines = headers.get_all(ORIGIN).iter();
        let Some(origin) = lines.next() else {
            return OriginVerdict::Absent;
        };
        if lines.next().is_some() {
            return OriginVerdict::Refused;
        }
        match find_exact(list, origin.as_bytes()) {
            Some(i) => OriginVerdict::Allowed(self.origin_values[i].clone()),
            None => OriginVerdict::Refused,
        }
    }
}

/// Binary search in the sorted list: 1,000 origins cost ten comparisons.
pub(crate) fn find_exact(sorted: &[&str], origin: &[u8]) -> Option<usize> {
    sorted
        .binary_search_by(|probe| probe.as_bytes().cmp(origin))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LIST: &[&str] = &[
        "http://localhost:3000",
        "https://a.example",
        "https://b.example",
    ];

    #[test]
    fn exact_matches_only() {
        assert_eq!(find_exact(LIST, b"https://a.example"), Some(1));
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
            assert_eq!(find_exact(LIST, miss), None, "{miss:?}");
        }
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_match_only_listed_origins(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let found = find_exact(LIST, &bytes);
            prop_assert_eq!(found.is_some(), LIST.iter().any(|o| o.as_bytes() == bytes.as_slice()));
        }
    }
}
