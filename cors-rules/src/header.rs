//! Which header names a policy may allow (`headers`) or expose (`expose`).

use std::fmt;

/// Fetch, "forbidden request-header": a script can never set these, so allowing them
/// is a mistake (and `origin`/`cookie` ones hint at a misunderstanding).
pub const FORBIDDEN_REQUEST_HEADERS: &[&str] = &[
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// Fetch, "forbidden request-header": every name with one of these prefixes.
pub const FORBIDDEN_REQUEST_PREFIXES: &[&str] = &["proxy-", "sec-"];

/// Fetch, "forbidden response-header name": scripts can never read these.
pub const FORBIDDEN_RESPONSE_HEADERS: &[&str] = &["set-cookie", "set-cookie2"];

/// Why a name cannot be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// Empty, or a character outside RFC 9110 `token`.
    NotAToken(String),
    /// A forbidden request header in `headers`.
    ForbiddenRequest(String),
    /// `set-cookie` in `expose`.
    ForbiddenResponse(String),
    /// Any `access-control-*` name: those are the CORS protocol's own headers.
    CorsProtocol(String),
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderError::NotAToken(name) if name.is_empty() => {
                write!(f, "a header name cannot be empty")
            }
            HeaderError::NotAToken(name) => write!(
                f,
                "`{name}` is not a header name: use letters, digits and `-` (an HTTP token), e.g. `x-request-id`"
            ),
            HeaderError::ForbiddenRequest(name) => write!(
                f,
                "`{name}` is a forbidden request header: browsers set it themselves and scripts cannot, so allowing it has no effect; remove it{}",
                if name == "cookie" || name == "cookie2" {
                    " (cookies are sent when you add the `credentials` flag)"
                } else {
                    ""
                }
            ),
            HeaderError::ForbiddenResponse(name) => write!(
                f,
                "`{name}` can never be read by scripts (a forbidden response header), so exposing it has no effect; remove it"
            ),
            HeaderError::CorsProtocol(name) => write!(
                f,
                "`{name}` is a header of the CORS protocol itself, which the runtime sends and reads for you; remove it"
            ),
        }
    }
}

/// Checks a name for `headers = [...]`; returns it in lower case.
pub fn check_request_header(name: &str) -> Result<String, HeaderError> {
    let lower = check_token(name)?;
    if FORBIDDEN_REQUEST_HEADERS.contains(&lower.as_str())
        || FORBIDDEN_REQUEST_PREFIXES
            .iter()
            .any(|p| lower.starts_with(p))
    {
        // The access-control-request-* pair is forbidden and CORS protocol; say the latter.
        if lower.starts_with("access-control-") {
            return Err(HeaderError::CorsProtocol(lower));
        }
        return Err(HeaderError::ForbiddenRequest(lower));
    }
    Ok(lower)
}

/// Checks a name for `expose = [...]`; returns it in lower case.
pub fn check_exposed_header(name: &str) -> Result<String, HeaderError> {
    let lower = check_token(name)?;
    if FORBIDDEN_RESPONSE_HEADERS.contains(&lower.as_str()) {
        return Err(HeaderError::ForbiddenResponse(lower));
    }
    Ok(lower)
}

/// RFC 9110 `tchar`: a byte of a token, such as a header name.
#[inline]
pub const fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
                | b'~'
        )
}

/// [`is_tchar`] for every byte value: a token check at run time (each preflight's
/// requested names) is one load per byte instead of a chain of range tests.
const TCHARS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < table.len() {
        table[b] = is_tchar(b as u8);
        b += 1;
    }
    table
};

/// RFC 9110 `token`: one or more [`is_tchar`] bytes. The one home of the rule, for names
/// written in the attribute and names a preflight asks for.
#[inline]
pub const fn is_token(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let [first, tail @ ..] = rest {
        if !TCHARS[*first as usize] {
            return false;
        }
        rest = tail;
    }
    !bytes.is_empty()
}

/// Header names are case-insensitive tokens; `access-control-*` belongs to CORS itself.
fn check_token(name: &str) -> Result<String, HeaderError> {
    if !is_token(name.as_bytes()) {
        return Err(HeaderError::NotAToken(name.to_owned()));
    }
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("access-control-") {
        return Err(HeaderError::CorsProtocol(lower));
    }
    Ok(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_pass_in_lower_case() {
        assert_eq!(
            check_request_header("Content-Type"),
            Ok("content-type".into())
        );
        assert_eq!(
            check_request_header("authorization"),
            Ok("authorization".into())
        );
        assert_eq!(
            check_exposed_header("X-Request-Id"),
            Ok("x-request-id".into())
        );
    }

    #[test]
    fn every_forbidden_request_header_is_refused() {
        for name in FORBIDDEN_REQUEST_HEADERS {
            assert!(check_request_header(name).is_err(), "{name}");
            assert!(
                check_request_header(&name.to_ascii_uppercase()).is_err(),
                "{name}"
            );
        }
        for name in ["sec-fetch-mode", "proxy-authorization", "Sec-CH-UA"] {
            assert!(
                matches!(
                    check_request_header(name),
                    Err(HeaderError::ForbiddenRequest(_))
                ),
                "{name}"
            );
        }
    }

    #[test]
    fn every_forbidden_name_gets_its_own_reason() {
        for name in FORBIDDEN_REQUEST_HEADERS {
            let expected = if name.starts_with("access-control-") {
                HeaderError::CorsProtocol(name.to_string())
            } else {
                HeaderError::ForbiddenRequest(name.to_string())
            };
            assert_eq!(check_request_header(name), Err(expected), "{name}");
        }
        for prefix in FORBIDDEN_REQUEST_PREFIXES {
            let name = format!("{prefix}anything");
            assert_eq!(
                check_request_header(&name),
                Err(HeaderError::ForbiddenRequest(name.clone()))
            );
            // Only request headers are forbidden by prefix; scripts may read such a response header.
            assert_eq!(check_exposed_header(&name), Ok(name.clone()));
        }
        for name in FORBIDDEN_RESPONSE_HEADERS {
            let upper = name.to_ascii_uppercase();
            assert_eq!(
                check_exposed_header(&upper),
                Err(HeaderError::ForbiddenResponse(name.to_string()))
            );
        }
    }

    #[test]
    fn cors_protocol_and_non_token_names_are_refused() {
        for name in [
            "access-control-allow-origin",
            "Access-Control-Request-Method",
        ] {
            assert!(matches!(
                check_request_header(name),
                Err(HeaderError::CorsProtocol(_))
            ));
            assert!(matches!(
                check_exposed_header(name),
                Err(HeaderError::CorsProtocol(_))
            ));
        }
        for name in ["", "x foo", "x:foo", "é"] {
            assert!(
                matches!(check_request_header(name), Err(HeaderError::NotAToken(_))),
                "{name}"
            );
        }
        for name in FORBIDDEN_RESPONSE_HEADERS {
            assert!(matches!(
                check_exposed_header(name),
                Err(HeaderError::ForbiddenResponse(_))
            ));
        }
    }
}
