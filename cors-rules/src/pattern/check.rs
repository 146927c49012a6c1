//! Which origin patterns a policy may allow.
//!
//! A pattern is checked like an origin (its fixed part must be in serialized form, and
//! `*.domain` a host name a site can have, [`origin::HostOf::Subdomains`]) and
//! must not be so broad that anyone can serve a matching page: no bare `*` host, no
//! public suffix (`*.com`, `*.co.uk`, `*.github.io`), no port wildcard on a host other
//! than the loopback ones ([`origin::is_loopback_host`]).

use super::OriginPattern;
use crate::origin::{self, HostOf, OriginError};

/// Whether `entry` is written as a pattern (contains `*`) rather than an origin.
pub fn is_pattern(entry: &str) -> bool {
    entry.contains('*')
}

/// Parses and checks a pattern; call only when [`is_pattern`] holds.
pub fn check(entry: &str) -> Result<OriginPattern<'_>, OriginError> {
    check_written(entry).map_err(|mut e| {
        // The corrected spelling of the fixed part can still be refused as a pattern
        // (`https://*..com` is not fixed by `https://*.com`): suggest only what passes.
        if e.suggestion
            .as_deref()
            .is_some_and(|s| check_written(s).is_err())
        {
            e.suggestion = None;
        }
        e
    })
}

/// [`check`], its suggestion unchecked.
fn check_written(entry: &str) -> Result<OriginPattern<'_>, OriginError> {
    let problem = |p: String, s: Option<String>| OriginError {
        problem: p,
        suggestion: s,
    };
    // One `/` only: with more, `without_slash` ends with `/` and fails anyway, and
    // recursing once per `/` would be quadratic.
    if let Some(without_slash) = entry.strip_suffix('/')
        && !without_slash.ends_with('/')
        && check_written(without_slash).is_ok()
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
    let checked = origin::check_host_of(&fixed, HostOf::Subdomains)
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

    #[test]
    fn domains_no_site_can_be_under_are_refused_with_the_fix() {
        let cases = [
            (
                "https://*..example.com",
                "`https://*..example.com` has an empty label (`..`) in its host: no DNS name has one, so no site is served from such a host and this never matches",
                Some("https://*.example.com"),
            ),
            (
                "https://*.example..com:8443",
                "`https://*.example..com:8443` has an empty label (`..`) in its host: no DNS name has one, so no site is served from such a host and this never matches",
                Some("https://*.example.com:8443"),
            ),
            (
                "https://*.example.com.",
                "`https://*.example.com.` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
                Some("https://*.example.com"),
            ),
            (
                "https://*.example.com./",
                "`https://*.example.com./` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
                Some("https://*.example.com"),
            ),
            (
                "http://localhost.:*",
                "`http://localhost.:*` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
                Some("http://localhost:*"),
            ),
            // The fixed part alone would be a public suffix: no suggestion.
            (
                "https://*..com",
                "`https://*..com` has an empty label (`..`) in its host: no DNS name has one, so no site is served from such a host and this never matches",
                None,
            ),
            (
                "https://*.co.uk.",
                "`https://*.co.uk.` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
                None,
            ),
        ];
        for (bad, problem, suggestion) in cases {
            let e = check(bad).unwrap_err();
            assert_eq!(e.problem, problem, "{bad}");
            assert_eq!(e.suggestion.as_deref(), suggestion, "{bad}");
        }
    }

    #[test]
    fn labels_and_domains_at_their_limits() {
        let label = |len: usize| "a".repeat(len);
        let ok = label(63);
        assert_eq!(
            check(&format!("https://*.{ok}.com")),
            Ok(subdomains(Scheme::Https, &format!("{ok}.com"), None))
        );
        let long = format!("https://*.{}.com", label(64));
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
        let long = format!("http://{}.localhost:*", label(64));
        assert!(
            check(&long)
                .unwrap_err()
                .problem
                .contains("a label of 64 bytes")
        );
        // `x.` and the domain: 1 + 1 + 251 = 253 bytes pass, 1 + 1 + 252 do not.
        let domain = origin::name_of(251);
        assert_eq!(
            check(&format!("https://*.{domain}")),
            Ok(subdomains(Scheme::Https, &domain, None))
        );
        let long = format!("https://*.{}", origin::name_of(252));
        assert_eq!(
            check(&long),
            Err(OriginError {
                problem: format!(
                    "`{long}` has a domain of 252 bytes: a matching host adds at least a one-byte label and a `.` to it, past the 253 bytes a DNS name can have, so this never matches"
                ),
                suggestion: None,
            })
        );
        // A port wildcard's host is a whole host, like an origin's: 253 bytes pass.
        let host = format!("{}.localhost", origin::name_of(243));
        assert_eq!(host.len(), 253);
        assert!(check(&format!("http://{host}:*")).is_ok());
        let host = format!("{}.localhost", origin::name_of(244));
        assert!(
            check(&format!("http://{host}:*"))
                .unwrap_err()
                .problem
                .contains("has a host of 254 bytes")
        );
    }

    #[test]
    fn address_patterns_have_no_labels() {
        for ok in ["http://127.0.0.1:*", "http://[::1]:*"] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        let e = check("https://*.10.0.0.1").unwrap_err();
        assert!(e.problem.contains("not an IP address"), "{e}");
    }

    #[test]
    fn many_trailing_slashes_are_one_path() {
        let entry = format!("https://*.example.com{}", "/".repeat(100_000));
        let e = check(&entry).unwrap_err();
        assert!(e.problem.contains("has a path"), "{}", &e.problem[..80]);
        assert_eq!(e.suggestion.as_deref(), Some("https://*.example.com"));
    }
}
