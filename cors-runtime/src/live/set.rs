//! One version of a live set, ready for matching.

use std::collections::HashSet;

use cors_rules::entry::Entry;
use cors_rules::origin::{Origin, Scheme};
use cors_rules::pattern::OriginPattern;

/// The entries of a snapshot, owned, ready for matching: exact origins hashed (a lookup
/// among 100,000 costs what one among a few does) or, a few, scanned; subdomain patterns
/// sorted for a binary search per parent domain; loopback port patterns scanned.
/// As for the origins written in the attribute: below four, a scan beats a hash.
const SCANNED_BELOW: usize = 4;

#[derive(Debug, Default)]
pub(super) struct LiveSet {
    exact: HashSet<Box<[u8]>>,
    /// The exact origins instead, when there are fewer than [`SCANNED_BELOW`]: comparing
    /// with each costs less than hashing the request's origin once.
    few: Box<[Box<[u8]>]>,
    subdomains: Vec<(Scheme, Box<str>, Option<u16>)>,
    any_port: Vec<(Scheme, Box<str>)>,
}

impl LiveSet {
    pub(super) fn add(&mut self, entry: Entry<'_>) {
        match entry {
            Entry::Exact(origin) => {
                self.exact.insert(origin.to_string().into_bytes().into());
            }
            Entry::Pattern(OriginPattern::Subdomains {
                scheme,
                domain,
                port,
            }) => self.subdomains.push((scheme, domain.into(), port)),
            Entry::Pattern(OriginPattern::AnyPort { scheme, host }) => {
                self.any_port.push((scheme, host.into()));
            }
        }
    }

    /// Sorts the subdomain patterns, for the binary search; after the last [`add`](Self::add).
    pub(super) fn ready(&mut self) {
        self.subdomains.sort_unstable();
        if self.exact.len() < SCANNED_BELOW {
            self.few = self.exact.drain().collect();
        }
    }

    /// Byte-exact, as the origins written in the attribute (Fetch, "CORS check").
    pub(super) fn allows(&self, origin: &[u8]) -> bool {
        if self.few.iter().any(|listed| **listed == *origin) || self.exact.contains(origin) {
            return true;
        }
        if self.subdomains.is_empty() && self.any_port.is_empty() {
            return false;
        }
        let Some(parsed) = Origin::from_request(origin) else {
            return false;
        };
        self.any_port.iter().any(|(scheme, host)| {
            OriginPattern::AnyPort {
                scheme: *scheme,
                host,
            }
            .matches(&parsed)
        }) || parsed.parent_domains().any(|domain| {
            let wanted = (parsed.scheme(), domain, parsed.port());
            self.subdomains
                .binary_search_by(|(s, d, p)| (*s, &**d, *p).cmp(&wanted))
                .is_ok()
        })
    }
}
