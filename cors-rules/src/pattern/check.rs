//! Which origin patterns a policy may allow.
//!
//! A pattern is checked like an origin (its fixed part must be in serialized form) and
//! must not be so broad that anyone can serve a matching page: no bare `*` host, no
//! public suffix (`*.com`, `*.co.uk`, `*.github.io`), no port wildcard on a host other
//! than the loopback ones ([`origin::is_loopback_host`]).

use super::OriginPattern;
use crate::origin::{self, OriginError};

/// Whether `entry` is written as a pattern (contains `*`) rather than an origin.
pub fn is_pattern(entry: &str) -> bool {
    entry.contains('*')
}

/// Parses and checks a pattern; call only when [`is_pattern`] holds.
pub fn check(entry: &str) -> Result<OriginPattern<'_>, OriginError> {
    let problem = |p: String, s: Option<String>| OriginError {
        problem: p,
        suggestion: s,
    };
    if let Some(without_slash) = entry.strip_suffix('/')
        && check(without_slash).is_ok()
    {
        return Err(problem(
            format!(
                "`{entry}` ends with `/`: browsers send the origin without it, so this never matches"
            ),
            Some(without_slash.to_owned()),
        ));
    }
    let Some((scheme, rest)) = entry.split_once("://") else {
        return Err(problem(
            format!(
                "`{entry}` has no scheme; a pattern is `https://*.example.com` or `http://localhost:*`"
            ),
            None,
        ));
    };
    if rest == "*" || rest.starts_with("*:") {
        return Err(problem(
            format!(
                "`{entry}` matches every site; list the origins, or use `\"*\"` for a public, credential-free API"
            ),
            None,
        ));
    }
    if let Some(host) = rest.strip_suffix(":*") {
        if host.contains('*') {
            return Err(problem(
                format!(
                    "`{entry}` has two wildcards; use either `*.` for subdomains or `:*` for ports"
                ),
                None,
            ));
        }
        let fixed = format!("{scheme}://{host}");
        let checked = origin::check(&fixed)
            .map_err(|e| pattern_error(e, &fixed, entry, |s| format!("{s}:*")))?;
        if !origin::is_loopback_host(host) {
            return Err(problem(
                format!(
                    "`{entry}`: a port wildcard is only allowed on loopback hosts (`localhost` and `*.localhost`, `127.0.0.0/8`, `[::1]`); `{host}` can be served by others on any port, so list its ports explicitly"
                ),
                None,
            ));
        }
        return Ok(OriginPattern::AnyPort {
            scheme: checked.scheme(),
            host,
        });
    }
    let Some(domain_and_port) = rest.strip_prefix("*.") else {
        return Err(problem(
            format!(
                "`{entry}`: a `*` must be the whole leftmost label (`https://*.example.com`) or the whole port (`http://localhost:*`)"
            ),
            None,
        ));
    };
    if domain_and_port.contains('*') {
        return Err(problem(
            format!("`{entry}` has two wildcards; use one `*.` for subdomains at any depth"),
            None,
        ));
    }
    let fixed = format!("{scheme}://{domain_and_port}");
    let checked = origin::check(&fixed)
        .map_err(|e| pattern_error(e, &fixed, entry, |s| s.replacen("://", "://*.", 1)))?;
    // `fixed` is in serialized form, so its host is the start of `domain_and_port`.
    let domain = &domain_and_port[..checked.host().len()];
    match url::Url::parse(&fixed).map(|url| url.host().map(|h| h.to_owned())) {
        Ok(Some(url::Host::Domain(_))) => {}
        _ => {
            return Err(problem(
                format!("`{entry}`: subdomain patterns need a domain name, not an IP address"),
                None,
            ));
        }
    }
    if !origin::is_loopback_host(domain) && psl::suffix_str(domain) == Some(domain) {
        return Err(problem(
            format!(
                "`{entry}` is too broad: `{domain}` is a public suffix, so anyone can register a matching site; name your own domain, e.g. `{scheme}://*.example.{domain}`"
            ),
            None,
        ));
    }
    Ok(OriginPattern::Subdomains {
        scheme: checked.scheme(),
        domain,
        port: checked.port(),
    })
}

/// Re-targets an origin error on the fixed part (`fixed`, e.g. `https://Example.com`)
/// to the pattern the user wrote (`entry`, e.g. `https://*.Example.com`).
fn pattern_error(
    e: OriginError,
    fixed: &str,
    entry: &str,
    to_pattern: impl Fn(&str) -> String,
) -> OriginError {
    OriginError {
        suggestion: e.suggestion.as_deref().map(&to_pattern),
        problem: e
            .problem
            .replace(&format!("`{fixed}`"), &format!("`{entry}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::origin::Scheme;

    fn subdomains(scheme: Scheme, domain: &str, port: Option<u16>) -> OriginPattern<'_> {
        OriginPattern::Subdomains {
            scheme,
            domain,
            port,
        }
    }

    #[test]
    fn valid_patterns_parse() {
        assert_eq!(
            check("https://*.example.com"),
            Ok(subdomains(Scheme::Https, "example.com", None))
        );
        assert_eq!(
            check("https://*.example.co.uk:8443"),
            Ok(subdomains(Scheme::Https, "example.co.uk", Some(8443)))
        );
        assert_eq!(
            check("http://*.localhost"),
            Ok(subdomains(Scheme::Http, "localhost", None))
        );
        for host in [
            "localhost",
            "app.localhost",
            "127.0.0.1",
            "127.0.0.2",
            "[::1]",
        ] {
            let pattern = format!("http://{host}:*");
            assert_eq!(
                check(&pattern),
                Ok(OriginPattern::AnyPort {
                    scheme: Scheme::Http,
                    host
                })
            );
        }
    }

    #[test]
    fn too_broad_patterns_are_refused() {
        for bad in [
            "https://*",
            "https://*:*",
            "https://*.com",
            "https://*.co.uk",
            "https://*.github.io",
            "https://example.com:*",
            "http://192.168.1.10:*",
            "https://*.example.com:*",
            "https://a*.example.com",
            "https://*example.com",
            "https://*.*.example.com",
            "https://*.127.0.0.1",
            "*.example.com",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fixed_part_must_be_serialized() {
        let e = check("https://*.Example.com/").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("https://*.example.com"));
        let e = check("http://LOCALHOST:*").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("http://localhost:*"));
        // The message names the pattern as written, not its fixed part.
        let e = check("https://*.Example.com").unwrap_err();
        assert!(
            e.problem
                .starts_with("`https://*.Example.com` has upper-case"),
            "{e}"
        );
        for (bad, good) in [
            ("https://*.example.com/", "https://*.example.com"),
            ("http://localhost:*/", "http://localhost:*"),
        ] {
            let e = check(bad).unwrap_err();
            assert!(e.problem.contains("ends with `/`"), "{e}");
            assert_eq!(e.suggestion.as_deref(), Some(good));
        }
    }
}
