//! Origin patterns: `https://*.example.com` (any subdomain, any depth, never the bare
//! domain) and `http://localhost:*` (any port, loopback hosts only), typed as their parts,
//! with the matching rule beside them.

use std::fmt;

use crate::origin::{Origin, Scheme};

#[cfg(feature = "check")]
mod check;
#[cfg(feature = "check")]
pub use check::{check, is_pattern};

/// A valid origin pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OriginPattern<'a> {
    /// `scheme://*.domain[:port]`: matches `scheme://label(.label)*.domain[:port]`.
    Subdomains {
        /// `http` or `https`.
        scheme: Scheme,
        /// The fixed part after `*.`, serialized (lower case, punycode).
        domain: &'a str,
        /// The explicit port, if any (`None` = the scheme's default port).
        port: Option<u16>,
    },
    /// `scheme://host:*`: matches `scheme://host` with any port (or the default one).
    AnyPort {
        /// `http` or `https`.
        scheme: Scheme,
        /// A loopback host: `localhost` or a name under it, an address in `127.0.0.0/8`, or
        /// `[::1]`.
        host: &'a str,
    },
}

impl OriginPattern<'_> {
    /// Whether `origin` (as a browser serialized it) matches: subdomains only at label
    /// boundaries and never the bare domain; any port only of the very host.
    #[inline]
    pub fn matches(&self, origin: &Origin<'_>) -> bool {
        match *self {
            OriginPattern::Subdomains {
                scheme,
                domain,
                port,
            } => {
                origin.scheme() == scheme
                    && origin.port() == port
                    && origin.parent_domains().any(|parent| parent == domain)
            }
            OriginPattern::AnyPort { scheme, host } => {
                origin.scheme() == scheme && origin.host() == host
            }
        }
    }
}

impl fmt::Display for OriginPattern<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OriginPattern::Subdomains {
                scheme,
                domain,
                port,
            } => {
                write!(f, "{}://*.{domain}", scheme.as_str())?;
                match port {
                    Some(port) => write!(f, ":{port}"),
                    None => Ok(()),
                }
            }
            OriginPattern::AnyPort { scheme, host } => write!(f, "{}://{host}:*", scheme.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: OriginPattern<'_>, origin: &str) -> bool {
        Origin::from_request(origin.as_bytes()).is_some_and(|o| pattern.matches(&o))
    }

    #[test]
    fn subdomains_match_at_label_boundaries_only() {
        let pattern = OriginPattern::Subdomains {
            scheme: Scheme::Https,
            domain: "example.com",
            port: None,
        };
        assert_eq!(pattern.to_string(), "https://*.example.com");
        for hit in ["https://a.example.com", "https://a.b.example.com"] {
            assert!(matches(pattern, hit), "{hit}");
        }
        for miss in [
            "https://example.com",
            "https://aexample.com",
            "https://a.example.com.evil.net",
            "http://a.example.com",
            "https://a.example.com:8443",
            "https://A.example.com",
            "https://a..example.com",
        ] {
            assert!(!matches(pattern, miss), "{miss}");
        }
    }

    #[test]
    fn any_port_matches_only_its_host() {
        let pattern = OriginPattern::AnyPort {
            scheme: Scheme::Http,
            host: "localhost",
        };
        assert_eq!(pattern.to_string(), "http://localhost:*");
        for hit in ["http://localhost", "http://localhost:5173"] {
            assert!(matches(pattern, hit), "{hit}");
        }
        for miss in [
            "https://localhost:5173",
            "http://localhost.evil.com:5173",
            "http://127.0.0.1:5173",
            "http://localhost:80",
        ] {
            assert!(!matches(pattern, miss), "{miss}");
        }
    }
}
