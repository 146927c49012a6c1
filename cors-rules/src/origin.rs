//! An origin as browsers serialize it (HTML, "serialization of an origin"):
//! `scheme://host[:port]`, typed as its three parts.
//!
//! [`check`] (feature `check`) turns a written origin into an [`Origin`]; an origin a
//! request sends is split by [`Origin::from_request`], which accepts only what a browser
//! would serialize, so matching stays byte-exact.

use std::fmt;

#[cfg(feature = "check")]
mod check;
#[cfg(feature = "check")]
mod name;
#[cfg(feature = "check")]
pub(crate) use check::check_host_of;
#[cfg(feature = "check")]
pub use check::{OriginError, check};
#[cfg(feature = "check")]
pub(crate) use name::HostOf;
#[cfg(all(test, feature = "check"))]
pub(crate) use name::name_of;

/// The scheme of an origin a policy can allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scheme {
    /// `http`
    Http,
    /// `https`
    Https,
}

impl Scheme {
    /// `http` or `https`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    /// The port a browser leaves out of the serialization.
    #[inline]
    pub const fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }

    /// `http` or `https`, byte-exact (a browser serializes schemes in lower case).
    #[inline]
    pub fn from_bytes(scheme: &[u8]) -> Option<Scheme> {
        match scheme {
            b"http" => Some(Scheme::Http),
            b"https" => Some(Scheme::Https),
            _ => None,
        }
    }
}

/// A serialized origin: scheme, host (lower case, punycode, IPv4 dotted, IPv6 compressed
/// in brackets) and port (`None` for the scheme's default port).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin<'a> {
    scheme: Scheme,
    host: &'a str,
    port: Option<u16>,
}

impl<'a> Origin<'a> {
    /// An origin from parts already in serialized form, such as those [`check`] returned
    /// at compile time. Only the shape is checked here (a host, a port that is neither 0
    /// nor the default one), in a `const` context a violation is a compile error.
    pub const fn from_parts(scheme: Scheme, host: &'a str, port: Option<u16>) -> Origin<'a> {
        assert!(!host.is_empty(), "an origin has a host");
        if let Some(port) = port {
            assert!(
                port != 0 && port != scheme.default_port(),
                "a serialized origin has no port 0 and no default port"
            );
        }
        Origin { scheme, host, port }
    }

    /// `http` or `https`.
    #[inline]
    pub const fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The host, as serialized.
    #[inline]
    pub const fn host(&self) -> &'a str {
        self.host
    }

    /// The port, `None` for the scheme's default one.
    #[inline]
    pub const fn port(&self) -> Option<u16> {
        self.port
    }

    /// Whether the host is the machine itself ([`is_loopback_host`]).
    pub fn is_loopback(&self) -> bool {
        is_loopback_host(self.host)
    }

    /// Splits the value of a request's `Origin` header. `None` unless it is what a browser
    /// serializes: `http` or `https`, `://`, a host, and a port only when it is not the
    /// default one, written without a leading zero. The host itself is not checked here;
    /// matching compares it byte for byte.
    #[inline]
    pub fn from_request(value: &'a [u8]) -> Option<Origin<'a>> {
        let value = std::str::from_utf8(value).ok()?;
        let (scheme, authority) = value.split_once("://")?;
        let scheme = Scheme::from_bytes(scheme.as_bytes())?;
        let (host, port) = match authority.rfind(':') {
            Some(i) if !authority[i..].contains(']') => {
                (&authority[..i], Some(&authority[i + 1..]))
            }
            _ => (authority, None),
        };
        if host.is_empty() {
            return None;
        }
        let port = match port {
            None => None,
            Some(digits) => {
                if digits.is_empty()
                    || digits.starts_with('0')
                    || !digits.bytes().all(|b| b.is_ascii_digit())
                {
                    return None;
                }
                let port: u16 = digits.parse().ok()?;
                if port == scheme.default_port() {
                    return None;
                }
                Some(port)
            }
        };
        Some(Origin { scheme, host, port })
    }

    /// The domains a `*.domain` pattern would have to name to match this origin: each
    /// proper suffix of the host that starts at a label boundary (`b.example.com`,
    /// `example.com`, `com` for `a.b.example.com`). None when the host is not lower-case
    /// DNS labels, which a browser would serialize otherwise.
    #[inline]
    pub fn parent_domains(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let host = self.host;
        let labels = is_dns_host(host);
        host.match_indices('.')
            .filter(move |_| labels)
            .map(move |(dot, _)| &host[dot + 1..])
    }
}

impl fmt::Display for Origin<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme.as_str(), self.host)?;
        match self.port {
            Some(port) => write!(f, ":{port}"),
            None => Ok(()),
        }
    }
}

/// Lower-case DNS labels, none empty: what a browser serializes a domain as.
#[inline]
fn is_dns_host(host: &str) -> bool {
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        })
}

/// Whether `host`, as it appears in a serialized origin, is the machine itself:
/// `localhost` and every name under it (`app.localhost`: RFC 6761 section 6.3 reserves
/// them for loopback, and browsers resolve them so), an IPv4 address in `127.0.0.0/8`, or
/// `[::1]`.
pub fn is_loopback_host(host: &str) -> bool {
    host == "localhost"
        || host
            .strip_suffix(".localhost")
            .is_some_and(|name| !name.is_empty() && !name.ends_with('.'))
        || host == "[::1]"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_origins_split_as_browsers_serialize_them() {
        let origin = Origin::from_request(b"https://a.example:8443").unwrap();
        assert_eq!(
            (origin.scheme(), origin.host(), origin.port()),
            (Scheme::Https, "a.example", Some(8443))
        );
        assert_eq!(origin.to_string(), "https://a.example:8443");
        let ipv6 = Origin::from_request(b"http://[::1]:3000").unwrap();
        assert_eq!((ipv6.host(), ipv6.port()), ("[::1]", Some(3000)));
        assert_eq!(Origin::from_request(b"http://[::1]").unwrap().port(), None);
        for bad in [
            &b"https://a.example:443"[..],
            b"http://a.example:80",
            b"http://a.example:0080",
            b"http://a.example:",
            b"http://a.example:65536",
            b"ftp://a.example",
            b"HTTPS://a.example",
            b"https://",
            b"null",
            b"https://\xff",
        ] {
            assert_eq!(Origin::from_request(bad), None, "{}", bad.escape_ascii());
        }
    }

    #[test]
    fn parent_domains_start_at_label_boundaries() {
        let origin = Origin::from_request(b"https://a.b.example.com").unwrap();
        assert_eq!(
            origin.parent_domains().collect::<Vec<_>>(),
            ["b.example.com", "example.com", "com"]
        );
        for no_labels in [&b"https://A.example.com"[..], b"https://a..example.com"] {
            let origin = Origin::from_request(no_labels).unwrap();
            assert_eq!(origin.parent_domains().count(), 0);
        }
    }

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "127.0.0.1",
            "127.0.0.2",
            "127.255.255.254",
            "[::1]",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "example.com",
            "128.0.0.1",
            "10.0.0.1",
            "[::2]",
            "localhost.example.com",
            "applocalhost",
            ".localhost",
            "a..localhost",
            "0.0.0.0",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
