//! One entry of `origins = [...]`, written in the attribute or read at startup: an exact
//! origin or a pattern, checked together with the policy's other keys.

use crate::origin::Origin;
#[cfg(feature = "check")]
use crate::origin::{self, OriginError, Scheme};
#[cfg(feature = "check")]
use crate::pattern;
use crate::pattern::OriginPattern;

/// A valid allowed-origin entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry<'a> {
    /// A serialized origin.
    Exact(Origin<'a>),
    /// A subdomain or loopback-port pattern.
    Pattern(OriginPattern<'a>),
}

/// The entries of a comma-separated list of origins, as an environment variable or an
/// `env(..., default = "...")` writes them: trimmed, in order; an empty string is an
/// empty entry (a stray comma), which callers report.
pub fn split_list(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim)
}

/// The policy keys an entry's validity depends on.
#[cfg(feature = "check")]
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The policy has `credentials`.
    pub credentials: bool,
    /// The policy has `dangerously_allow_insecure_origins`.
    pub allow_insecure: bool,
}

/// Checks one entry of an origin list.
#[cfg(feature = "check")]
pub fn check(entry: &str, context: Context) -> Result<Entry<'_>, OriginError> {
    let checked = if pattern::is_pattern(entry) && entry != "*" {
        Entry::Pattern(pattern::check(entry)?)
    } else {
        Entry::Exact(origin::check(entry)?)
    };
    if context.credentials && !context.allow_insecure && is_insecure(&checked) {
        return Err(OriginError {
            problem: format!(
                "`{entry}` is plain `http://` on a host other than loopback: with `credentials`, cookies would cross the network unencrypted; use `https://`, or add `dangerously_allow_insecure_origins` if you really mean it"
            ),
            suggestion: None,
        });
    }
    Ok(checked)
}

/// `http://` on a host other than a loopback one (`localhost` and `*.localhost`,
/// `127.0.0.0/8`, `[::1]`).
#[cfg(feature = "check")]
pub fn is_insecure(entry: &Entry<'_>) -> bool {
    match entry {
        Entry::Exact(origin) => origin.scheme() == Scheme::Http && !origin.is_loopback(),
        Entry::Pattern(OriginPattern::Subdomains { scheme, domain, .. }) => {
            *scheme == Scheme::Http && !origin::is_loopback_host(domain)
        }
        Entry::Pattern(OriginPattern::AnyPort { .. }) => false,
    }
}

#[cfg(all(test, feature = "check"))]
mod tests {
    use super::*;

    const CREDENTIALS: Context = Context {
        credentials: true,
        allow_insecure: false,
    };

    #[test]
    fn plain_http_with_credentials_only_on_loopback() {
        for ok in [
            "https://app.example.com",
            "http://localhost:3000",
            "http://127.0.0.1:8080",
            "http://[::1]:3000",
            "http://localhost",
            "http://127.0.0.2:5173",
            "http://localhost:*",
            "https://*.example.com",
            "http://app.localhost:3000",
            "http://app.localhost:*",
            "http://*.localhost:47811",
            "http://*.app.localhost",
        ] {
            assert!(check(ok, CREDENTIALS).is_ok(), "{ok}");
        }
        for bad in [
            "http://app.example.com",
            "http://app.example.com:8080",
            "http://*.example.com",
            "http://10.0.0.1",
        ] {
            assert!(check(bad, CREDENTIALS).is_err(), "{bad}");
            assert!(check(bad, Context::default()).is_ok(), "{bad}");
            let opted_in = Context {
                credentials: true,
                allow_insecure: true,
            };
            assert!(check(bad, opted_in).is_ok(), "{bad}");
        }
    }

    #[test]
    fn entries_are_classified() {
        assert_eq!(
            check("https://a.example", Context::default()),
            Ok(Entry::Exact(Origin::from_parts(
                Scheme::Https,
                "a.example",
                None
            )))
        );
        assert!(matches!(
            check("https://*.a.example", Context::default()),
            Ok(Entry::Pattern(_))
        ));
        assert!(check("*", Context::default()).is_err());
    }

    /// One host name rule for origins and patterns: the same message, naming the entry.
    #[test]
    fn host_names_no_site_can_have_are_refused_in_origins_and_patterns() {
        for (domain, problem) in [
            ("example..com", "has an empty label (`..`) in its host"),
            ("example.com.", "ends its host with `.`"),
            (
                &format!("{}.example.com", "a".repeat(64)),
                "has a label of 64 bytes",
            ),
        ] {
            for entry in [format!("https://{domain}"), format!("https://*.{domain}")] {
                let e = check(&entry, Context::default()).unwrap_err();
                assert!(
                    e.problem.starts_with(&format!("`{entry}` {problem}")),
                    "{e}"
                );
            }
        }
    }
}
