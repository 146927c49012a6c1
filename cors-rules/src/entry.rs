//! One entry of `origins = [...]`, written in the attribute or read at startup: an exact
//! origin or a pattern, checked together with the policy's other keys.

use crate::origin::{self, OriginError};
use crate::pattern::{self, OriginPattern};

/// A valid allowed-origin entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A serialized origin.
    Exact(String),
    /// A subdomain or loopback-port pattern.
    Pattern(OriginPattern),
}

/// The policy keys an entry's validity depends on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The policy has `credentials`.
    pub credentials: bool,
    /// The policy has `dangerously_allow_insecure_origins`.
    pub allow_insecure: bool,
}

/// Checks one entry of an origin list.
pub fn check(entry: &str, context: Context) -> Result<Entry, OriginError> {
    let checked = if pattern::is_pattern(entry) && entry != "*" {
        Entry::Pattern(pattern::check(entry)?)
    } else {
        origin::check(entry)?;
        Entry::Exact(entry.to_owned())
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

/// `http://` on a host other than a loopback one (`localhost`, `127.0.0.0/8`, `[::1]`).
fn is_insecure(entry: &Entry) -> bool {
    match entry {
        Entry::Exact(origin) => origin.strip_prefix("http://").is_some_and(|rest| {
            let host = rest
                .rsplit_once(':')
                .filter(|(h, _)| !h.ends_with('['))
                .map_or(rest, |(h, p)| {
                    if p.bytes().all(|b| b.is_ascii_digit()) {
                        h
                    } else {
                        rest
                    }
                });
            !origin::is_loopback_host(host)
        }),
        Entry::Pattern(OriginPattern::Subdomains { scheme, domain, .. }) => {
            scheme == "http" && domain != "localhost"
        }
        Entry::Pattern(OriginPattern::AnyPort { .. }) => false,
    }
}

#[cfg(test)]
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
            Ok(Entry::Exact("https://a.example".into()))
        );
        assert!(matches!(
            check("https://*.a.example", Context::default()),
            Ok(Entry::Pattern(_))
        ));
        assert!(check("*", Context::default()).is_err());
    }
}
