//! What a valid allowed origin is: exactly the ASCII serialization of a URL's origin
//! (HTML, "serialization of an origin"), since browsers send that and matching is
//! byte-exact.

use std::fmt;

use url::{Host, Url};

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

/// Checks one allowed origin, such as `https://app.example.com` or `http://localhost:3000`.
pub fn check(origin: &str) -> Result<(), OriginError> {
    if origin == "*" {
        return Err(err(
            "`*` cannot be mixed into a list of origins; use `origins = \"*\"` on its own",
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
        return Err(err(
            format!("`{origin}` has no scheme; an origin is `scheme://host[:port]`"),
            Some(format!("https://{}", origin.trim_end_matches('/'))),
        ));
    }
    let url = Url::parse(origin).map_err(|e| {
        err(
            format!("`{origin}` is not a valid origin ({e}); an origin is `scheme://host[:port]`"),
            None,
        )
    })?;
    match url.scheme() {
        "http" | "https" => {}
        "file" => {
            return Err(err(
                "`file://` pages have the opaque origin `null`, which any site can produce; serve the page over http(s) and list that origin",
                None,
            ));
        }
        other => {
            return Err(err(
                format!(
                    "`{other}:` origins cannot make CORS requests to your server; use `http://` or `https://`"
                ),
                None,
            ));
        }
    }
    let canonical = url.origin().ascii_serialization();
    if origin == canonical {
        return match url.port() {
            Some(0) => Err(err(
                format!("port 0 in `{origin}` is not a port a page can be served from"),
                None,
            )),
            _ => Ok(()),
        };
    }
    Err(err(explain_difference(origin, &url), Some(canonical)))
}

/// Names the first way `origin` differs from its serialized form.
fn explain_difference(origin: &str, url: &Url) -> String {
    let after_scheme = &origin[origin.find("://").map_or(0, |i| i + 3)..];
    if !url.username().is_empty() || url.password().is_some() {
        return format!("`{origin}` contains credentials (`user@`); an origin has none");
    }
    if url.fragment().is_some() {
        return format!("`{origin}` has a fragment (`#...`); an origin has none");
    }
    if url.query().is_some() {
        return format!("`{origin}` has a query (`?...`); an origin has none");
    }
    if url.path() != "/" {
        return format!("`{origin}` has a path; an origin is only `scheme://host[:port]`");
    }
    if after_scheme.ends_with('/') {
        return format!(
            "`{origin}` ends with `/`: browsers send the origin without it, so this never matches"
        );
    }
    if origin.bytes().any(|b| !b.is_ascii()) {
        return format!("`{origin}` has a non-ASCII host: browsers send its punycode form");
    }
    if let Some(Host::Ipv6(_)) = url.host() {
        return format!("`{origin}` is not the compressed IPv6 form browsers send");
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
mod tests {
    use super::*;

    fn suggestion(origin: &str) -> Option<String> {
        check(origin).unwrap_err().suggestion
    }

    #[test]
    fn serialized_origins_pass() {
        for ok in [
            "https://app.example.com",
            "http://localhost:3000",
            "http://127.0.0.1:8080",
            "http://[::1]:3000",
            "https://xn--bcher-kva.example",
            "https://a.example:1",
            "https://a.example:65535",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn near_misses_suggest_the_serialized_form() {
        let cases = [
            ("https://app.example.com/", "https://app.example.com"),
            ("https://app.example.com:443", "https://app.example.com"),
            ("http://app.example.com:80", "http://app.example.com"),
            ("https://App.Example.com", "https://app.example.com"),
            ("HTTPS://app.example.com", "https://app.example.com"),
            ("https://bücher.example", "https://xn--bcher-kva.example"),
            ("http://[0:0:0:0:0:0:0:1]:3000", "http://[::1]:3000"),
            ("https://a.example/path", "https://a.example"),
            ("https://a.example?q", "https://a.example"),
            ("https://a.example#f", "https://a.example"),
            ("https://user@a.example", "https://a.example"),
            ("app.example.com", "https://app.example.com"),
        ];
        for (bad, good) in cases {
            assert_eq!(suggestion(bad).as_deref(), Some(good), "{bad}");
        }
    }

    #[test]
    fn ports_at_the_edges() {
        assert!(check("https://a.example:0").is_err());
        assert!(check("https://a.example:65536").is_err());
        assert!(check("https://a.example:65535").is_ok());
        assert!(check("https://a.example:1").is_ok());
    }

    #[test]
    fn origins_that_allow_everyone_are_refused() {
        for bad in [
            "null",
            "NULL",
            "file://",
            "file:///home/me/index.html",
            "*",
            "ftp://a.example",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
