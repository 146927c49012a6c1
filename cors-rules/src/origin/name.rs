//! What a host name must be for a site to be served from it, and so for an allowed origin
//! or pattern to ever match: DNS labels of 1 to 63 bytes between single dots, 253 bytes
//! in all (RFC 1035 section 2.3.4), and no final dot, which a browser keeps in the origin
//! it sends (`https://example.com.` is not `https://example.com`).
//!
//! The `url` crate accepts all of these (WHATWG URL does not check DNS lengths, and keeps
//! empty labels and a final dot), so [`check`] runs on the host it returns, in serialized
//! form (lower case, punycode), before anything else is compared. It applies to domain
//! names only: an IPv4 or IPv6 address has no labels.

use super::check::OriginError;

/// The longest label of a DNS name, in bytes.
pub(crate) const MAX_LABEL: usize = 63;
/// The longest DNS name, in bytes, written without a final dot.
pub(crate) const MAX_NAME: usize = 253;

/// Whose host is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HostOf {
    /// An origin: the host is the whole name.
    Origin,
    /// The fixed part of a subdomain pattern `scheme://*.domain`: a matching host is
    /// `domain` below at least one more label, of at least one byte, and its `.`.
    Subdomains,
}

impl HostOf {
    /// Bytes a matching host has beside the checked one: the shortest `x.` for a pattern.
    const fn prefix_len(self) -> usize {
        match self {
            HostOf::Origin => 0,
            HostOf::Subdomains => 2,
        }
    }
}

/// The first reason a host can never name a site, in the order reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem<'a> {
    /// An empty label other than a single final one: `a..b`, `.a` (and, under a
    /// pattern's `*.`, `*..a`). `leading` when an origin's host starts with `.`
    /// (`https://.example.com`, the cookie spelling of "and its subdomains").
    EmptyLabel { leading: bool },
    /// `example.com.`: a fully qualified name, which browsers serialize with the dot.
    FinalDot,
    /// The first label longer than [`MAX_LABEL`].
    LongLabel(&'a str),
    /// More than [`MAX_NAME`] bytes: the host's length (the domain's under a pattern).
    LongName(usize),
}

/// The first problem of `host` (serialized, a domain name, not an IP address), in one
/// pass over it.
pub(crate) fn check(host: &str, of: HostOf) -> Option<Problem<'_>> {
    let mut empty_first = false;
    let mut empty_inside = false;
    // The label before is empty and not the first: inside, unless it is the last.
    let mut empty_before = false;
    let mut long_label = None;
    for (i, label) in host.split('.').enumerate() {
        empty_inside |= empty_before;
        empty_before = label.is_empty() && i > 0;
        empty_first |= label.is_empty() && i == 0;
        if long_label.is_none() && label.len() > MAX_LABEL {
            long_label = Some(label);
        }
    }
    let final_dot = empty_before;
    if empty_first || empty_inside {
        return Some(Problem::EmptyLabel {
            leading: empty_first && of == HostOf::Origin,
        });
    }
    if final_dot {
        return Some(Problem::FinalDot);
    }
    if let Some(label) = long_label {
        return Some(Problem::LongLabel(label));
    }
    if of.prefix_len() + host.len() > MAX_NAME {
        return Some(Problem::LongName(host.len()));
    }
    None
}

/// `host` without its empty labels (`example..com.` is `example.com`): the spelling an
/// empty label or a final dot most likely stands for; empty when nothing is left.
pub(crate) fn without_empty_labels(host: &str) -> String {
    let mut name = String::with_capacity(host.len());
    for label in host.split('.').filter(|label| !label.is_empty()) {
        if !name.is_empty() {
            name.push('.');
        }
        name.push_str(label);
    }
    name
}

impl Problem<'_> {
    /// The error for `written` (the origin, or the fixed part of a pattern, as the user
    /// wrote it), with `suggestion`: the corrected spelling, already checked, if any.
    /// `subdomains` is the pattern to mention beside a leading `.`, if it is valid.
    pub(crate) fn error(
        &self,
        written: &str,
        of: HostOf,
        suggestion: Option<String>,
        subdomains: Option<String>,
    ) -> OriginError {
        let problem = match *self {
            Problem::EmptyLabel { leading: true } => {
                let hint = subdomains
                    .map(|pattern| {
                        format!(
                            " (a leading `.` does not mean subdomains: for those, list the pattern `{pattern}`)"
                        )
                    })
                    .unwrap_or_default();
                format!(
                    "`{written}` starts its host with `.`, an empty label: no DNS name has one, so no site is served from such a host and this never matches{hint}"
                )
            }
            Problem::EmptyLabel { leading: false } => format!(
                "`{written}` has an empty label (`..`) in its host: no DNS name has one, so no site is served from such a host and this never matches"
            ),
            Problem::FinalDot => format!(
                "`{written}` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it"
            ),
            Problem::LongLabel(label) => format!(
                "`{written}` has a label of {} bytes in its host (`{label}`): DNS labels have at most {MAX_LABEL} bytes, so no site is served from such a host and this never matches",
                label.len()
            ),
            Problem::LongName(len) => match of {
                HostOf::Origin => format!(
                    "`{written}` has a host of {len} bytes: DNS names have at most {MAX_NAME} bytes, so no site is served from such a host and this never matches"
                ),
                HostOf::Subdomains => format!(
                    "`{written}` has a domain of {len} bytes: a matching host adds at least a one-byte label and a `.` to it, past the {MAX_NAME} bytes a DNS name can have, so this never matches"
                ),
            },
        };
        OriginError {
            problem,
            suggestion,
        }
    }
}

/// A host name of `len` bytes: labels of 50 bytes, then one of what is left.
#[cfg(test)]
pub(crate) fn name_of(len: usize) -> String {
    let mut name = String::with_capacity(len);
    while len - name.len() > 60 {
        name.push_str(&"a".repeat(50));
        name.push('.');
    }
    name.push_str(&"b".repeat(len - name.len()));
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_within_the_limits_pass() {
        for host in [
            "example.com",
            "a",
            "localhost",
            "xn--bcher-kva.example",
            "a-b_c.example",
            &format!("{}.com", "a".repeat(MAX_LABEL)),
            &format!("{}.{}", "a".repeat(MAX_LABEL), "b".repeat(MAX_LABEL)),
            &name_of(MAX_NAME),
        ] {
            assert_eq!(check(host, HostOf::Origin), None, "{host}");
        }
        for domain in [
            "example.com",
            &format!("{}.com", "a".repeat(MAX_LABEL)),
            &name_of(MAX_NAME - 2),
        ] {
            assert_eq!(check(domain, HostOf::Subdomains), None, "{domain}");
        }
    }

    #[test]
    fn empty_labels() {
        for (host, leading) in [
            ("example..com", false),
            (".example.com", true),
            ("example.com..", false),
            (".example.com.", true),
            (".example..com", true),
            ("..example.com", true),
            (".", true),
            ("..", true),
            (".a", true),
        ] {
            assert_eq!(
                check(host, HostOf::Origin),
                Some(Problem::EmptyLabel { leading }),
                "{host}"
            );
        }
        // Under `*.`, a leading `.` is `*..example.com`: an empty label inside.
        for domain in [".example.com", "example..com"] {
            assert_eq!(
                check(domain, HostOf::Subdomains),
                Some(Problem::EmptyLabel { leading: false }),
                "{domain}"
            );
        }
    }

    #[test]
    fn a_final_dot() {
        for host in ["example.com.", "localhost.", "a."] {
            assert_eq!(
                check(host, HostOf::Origin),
                Some(Problem::FinalDot),
                "{host}"
            );
            assert_eq!(check(host, HostOf::Subdomains), Some(Problem::FinalDot));
        }
        // Reported before the lengths, which a final dot does not count in.
        let long = format!("{}.", name_of(MAX_NAME + 10));
        assert_eq!(check(&long, HostOf::Origin), Some(Problem::FinalDot));
    }

    #[test]
    fn labels_at_the_limit() {
        let ok = "a".repeat(MAX_LABEL);
        let long = "a".repeat(MAX_LABEL + 1);
        for host in [
            format!("{long}.com"),
            format!("www.{long}.com"),
            format!("www.{long}"),
            long.clone(),
        ] {
            assert_eq!(
                check(&host, HostOf::Origin),
                Some(Problem::LongLabel(&long)),
                "{host}"
            );
            assert_eq!(
                check(&host, HostOf::Subdomains),
                Some(Problem::LongLabel(&long))
            );
        }
        // The first long label is named.
        let other = "b".repeat(MAX_LABEL + 2);
        let host = format!("{ok}.{long}.{other}.com");
        assert_eq!(
            check(&host, HostOf::Origin),
            Some(Problem::LongLabel(&long))
        );
    }

    #[test]
    fn names_at_the_limit() {
        let host = name_of(MAX_NAME + 1);
        assert_eq!(
            check(&host, HostOf::Origin),
            Some(Problem::LongName(MAX_NAME + 1))
        );
        assert_eq!(check(&name_of(MAX_NAME), HostOf::Origin), None);
        // A pattern's domain leaves room for `x.`: 251 bytes pass, 252 do not.
        assert_eq!(check(&name_of(MAX_NAME - 2), HostOf::Subdomains), None);
        assert_eq!(
            check(&name_of(MAX_NAME - 1), HostOf::Subdomains),
            Some(Problem::LongName(MAX_NAME - 1))
        );
    }

    #[test]
    fn empty_labels_removed() {
        for (host, fixed) in [
            ("example..com", "example.com"),
            (".example.com", "example.com"),
            ("example.com.", "example.com"),
            ("..a...b..", "a.b"),
            ("..", ""),
        ] {
            assert_eq!(without_empty_labels(host), fixed, "{host}");
        }
    }
}
