//! What a valid allowed origin is: exactly the ASCII serialization of a URL's origin
//! (HTML, "serialization of an origin"), since browsers send that and matching is
//! byte-exact. The `url` crate (WHATWG URL) does the parsing; the host it returns must
//! then be a name a site can have ([`super::name`]).

use std::fmt;

use url::{Host, Url};

use super::name::{self, HostOf, Problem};
use super::{Origin, Scheme, is_loopback_host};

/// Why a string is not an origin a policy can allow, with the corrected spelling when
/// there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginError {
    /// What is wrong, for a newcomer.
    pub problem: String,
    /// The spelling to use instead, if one exists.
    pub suggestion: Option<String>,
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "; write `{suggestion}`")?;
        }
        Ok(())
    }
}

fn err(problem: impl Into<String>, suggestion: Option<String>) -> OriginError {
    OriginError {
        problem: problem.into(),
        suggestion,
    }
}

/// Checks one allowed origin, such as `https://app.example.com` or `http://localhost:3000`,
/// and returns its parts (borrowed from `origin`, which is in serialized form).
pub fn check(origin: &str) -> Result<Origin<'_>, OriginError> {
    check_host_of(origin, HostOf::Origin)
}

/// [`check`], with the host name rules of `of`: those of an origin, or of the fixed part
/// of a subdomain pattern (`https://example.com` for `https://*.example.com`).
pub(crate) fn check_host_of(origin: &str, of: HostOf) -> Result<Origin<'_>, OriginError> {
    if origin.is_empty() {
        return Err(err(
            "an origin cannot be empty; write it as `scheme://host[:port]`, e.g. `https://app.example.com`",
            None,
        ));
    }
    if origin == "*" {
        return Err(err(
            "`*` cannot be mixed into a list of origins: write `origins = \"*\"` on its own for any origin, or list origins only",
            None,
        ));
    }
    if origin.eq_ignore_ascii_case("null") {
        return Err(err(
            "`null` is the origin of sandboxed frames, `file:` pages and redirects: any site can produce it, so allowing it allows everyone; list the real origins",
            None,
        ));
    }
    if !origin.contains("://") {
        return Err(missing_scheme(origin));
    }
    let url = Url::parse(origin).map_err(|e| match e {
        url::ParseError::InvalidPort => err(
            format!("`{origin}` has an invalid port: ports go from 1 to 65535"),
            None,
        ),
        e => err(
            format!("`{origin}` is not a valid origin ({e}): an origin is `scheme://host[:port]`"),
            None,
        ),
    })?;
    let scheme = match url.scheme() {
        "http" => Scheme::Http,
        "https" => Scheme::Https,
        "file" => {
            return Err(err(
                "`file://` pages have the opaque origin `null`, which any site can produce; serve the page over http(s) and list that origin",
                None,
            ));
        }
        other => {
            return Err(err(
                format!(
                    "only `http://` and `https://` origins can be listed; `{other}:` is not one of them"
                ),
                None,
            ));
        }
    };
    if let Some(Host::Domain(host)) = url.host()
        && let Some(problem) = name::check(host, of)
    {
        return Err(host_name_error(
            origin,
            scheme,
            host,
            url.port(),
            of,
            &problem,
        ));
    }
    let canonical = url.origin().ascii_serialization();
    if origin == canonical {
        return match url.port() {
            Some(0) => Err(err(
                format!(
                    "`{origin}` has port 0, which no page can be served from: ports go from 1 to 65535"
                ),
                None,
            )),
            port => {
                // `origin` is its own serialization: the host is what follows `://`, up
                // to the port.
                let host = &origin[scheme.as_str().len() + 3..];
                let host = port.map_or(host, |p| &host[..host.len() - p.to_string().len() - 1]);
                Ok(Origin::from_parts(scheme, host, port))
            }
        };
    }
    Err(err(explain_difference(origin, &url), Some(canonical)))
}

/// A host that can never name a site ([`name`]). An empty label or a final dot most
/// likely stands for the host without it, suggested when that is valid.
fn host_name_error(
    origin: &str,
    scheme: Scheme,
    host: &str,
    port: Option<u16>,
    of: HostOf,
    problem: &Problem<'_>,
) -> OriginError {
    let (Problem::EmptyLabel { .. } | Problem::FinalDot) = problem else {
        return problem.error(origin, of, None, None);
    };
    let fixed = name::without_empty_labels(host);
    let suggestion = serialize(scheme, &fixed, port).filter(|s| check_host_of(s, of).is_ok());
    // `.example.com` is how cookies say "and its subdomains".
    let subdomains = matches!(problem, Problem::EmptyLabel { leading: true })
        .then(|| serialize(scheme, &format!("*.{fixed}"), port))
        .flatten()
        .filter(|p| crate::pattern::check(p).is_ok());
    problem.error(origin, of, suggestion, subdomains)
}

/// `scheme://host[:port]`; `None` without a host.
fn serialize(scheme: Scheme, host: &str, port: Option<u16>) -> Option<String> {
    match port {
        _ if host.is_empty() => None,
        Some(port) => Some(format!("{}://{host}:{port}", scheme.as_str())),
        None => Some(format!("{}://{host}", scheme.as_str())),
    }
}

/// `app.example.com`, `localhost:3000`, `https:app.example.com`: suggest the origin the
/// user most likely meant.
fn missing_scheme(origin: &str) -> OriginError {
    if let Ok(url) = Url::parse(origin)
        && matches!(url.scheme(), "http" | "https")
        && url.host().is_some()
    {
        return err(
            format!(
                "`{origin}` lacks the `//` after the scheme: an origin is `scheme://host[:port]`"
            ),
            Some(url.origin().ascii_serialization()),
        );
    }
    let host = origin.split([':', '/']).next().unwrap_or(origin);
    let scheme = if is_loopback_host(host) || host.starts_with('[') {
        "http"
    } else {
        "https"
    };
    let suggestion = Url::parse(&format!("{scheme}://{origin}"))
        .ok()
        .map(|url| url.origin().ascii_serialization())
        .filter(|s| s != "null");
    err(
        format!("`{origin}` has no scheme: an origin is `scheme://host[:port]`"),
        suggestion,
    )
}

/// Names the first way `origin` differs from its serialized form.
fn explain_difference(origin: &str, url: &Url) -> String {
    let after_scheme = &origin[origin.find("://").map_or(0, |i| i + 3)..];
    if origin.trim() != origin {
        return format!("`{origin}` has spaces around it");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return format!(
            "`{origin}` has a user name or password before `@`, which an origin never has"
        );
    }
    if let Some(fragment) = url.fragment() {
        return format!("`{origin}` has a fragment (`#{fragment}`), which an origin never has");
    }
    if let Some(query) = url.query() {
        return format!("`{origin}` has a query (`?{query}`), which an origin never has");
    }
    if url.path() != "/" {
        return format!(
            "`{origin}` has a path (`{}`), which an origin never has",
            url.path()
        );
    }
    if after_scheme.ends_with('/') {
        return format!(
            "`{origin}` ends with `/`: browsers send the origin without it, so this never matches"
        );
    }
    if origin.bytes().any(|b| !b.is_ascii()) {
        return format!("`{origin}` has a non-ASCII host: browsers send its punycode form");
    }
    let host_as_written = after_scheme.starts_with(url.host_str().unwrap_or_default());
    match url.host() {
        Some(Host::Ipv6(_)) if !host_as_written => {
            return format!("`{origin}` is not the compressed IPv6 form browsers send");
        }
        Some(Host::Ipv4(_)) if !host_as_written => {
            return format!(
                "`{origin}` does not write its IPv4 address as browsers send it (four decimal numbers)"
            );
        }
        _ => {}
    }
    if origin.bytes().any(|b| b.is_ascii_uppercase()) {
        return format!("`{origin}` has upper-case letters: browsers send origins in lower case");
    }
    if url.port().is_none() && after_scheme.contains(':') {
        return format!(
            "`{origin}` spells out the default port: browsers leave it out, so this never matches"
        );
    }
    format!("`{origin}` is not in the serialized form browsers send")
}

#[cfg(test)]
mod tests;
