//! Which methods a `#[cors]` handler may be routed on.

/// A method a browser may send cross-origin and axum can route.
///
/// `OPTIONS` is answered by the runtime; `CONNECT`, `TRACE` and `TRACK` are forbidden
/// methods (Fetch, "forbidden method"); extension methods cannot be routed by axum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CorsMethod {
    /// `GET` (axum also routes `HEAD` to it).
    Get,
    /// `HEAD`
    Head,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl CorsMethod {
    /// Every method, in the order of [`CorsMethod::index`].
    pub const ALL: [CorsMethod; 6] = [
        CorsMethod::Get,
        CorsMethod::Head,
        CorsMethod::Post,
        CorsMethod::Put,
        CorsMethod::Delete,
        CorsMethod::Patch,
    ];

    /// The method's name, upper case as on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            CorsMethod::Get => "GET",
            CorsMethod::Head => "HEAD",
            CorsMethod::Post => "POST",
            CorsMethod::Put => "PUT",
            CorsMethod::Delete => "DELETE",
            CorsMethod::Patch => "PATCH",
        }
    }

    /// Position in [`CorsMethod::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Parses a method name byte-exactly: methods are case-sensitive (Fetch, "method"),
    /// so `patch` is not `PATCH`.
    pub fn from_bytes(name: &[u8]) -> Option<CorsMethod> {
        CorsMethod::ALL
            .into_iter()
            .find(|m| m.as_str().as_bytes() == name)
    }
}

/// Why a name cannot be a `#[cors]` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MethodError {
    /// `get`: methods are case-sensitive; the upper-case spelling is meant.
    LowerCase(CorsMethod),
    /// `OPTIONS`: the runtime answers it.
    Options,
    /// `CONNECT`, `TRACE`, `TRACK`: forbidden methods.
    Forbidden(String),
    /// Anything else: axum cannot route it.
    Unknown(String),
}

impl std::fmt::Display for MethodError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MethodError::LowerCase(m) => {
                write!(f, "methods are case-sensitive: write `{}`", m.as_str())
            }
            MethodError::Options => write!(
                f,
                "`OPTIONS` is answered for you: the preflight endpoint is added by `cors_routes!`; remove it from `methods`"
            ),
            MethodError::Forbidden(m) => write!(
                f,
                "`{m}` is a forbidden method (Fetch standard): browsers refuse to send it from a page; use one of {}",
                ALLOWED
            ),
            MethodError::Unknown(m) => write!(f, "unknown method `{m}`: use one of {ALLOWED}"),
        }
    }
}

const ALLOWED: &str = "`GET`, `HEAD`, `POST`, `PUT`, `DELETE`, `PATCH`";

/// Checks a method name as written in `methods = [...]`.
pub fn check(name: &str) -> Result<CorsMethod, MethodError> {
    if let Some(method) = CorsMethod::from_bytes(name.as_bytes()) {
        return Ok(method);
    }
    let upper = name.to_ascii_uppercase();
    if let Some(method) = CorsMethod::from_bytes(upper.as_bytes()) {
        return Err(MethodError::LowerCase(method));
    }
    match upper.as_str() {
        "OPTIONS" => Err(MethodError::Options),
        "CONNECT" | "TRACE" | "TRACK" => Err(MethodError::Forbidden(name.to_owned())),
        _ => Err(MethodError::Unknown(name.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_round_trips_and_others_are_refused() {
        for m in CorsMethod::ALL {
            assert_eq!(check(m.as_str()), Ok(m));
            assert_eq!(m, CorsMethod::ALL[m.index()]);
        }
        assert_eq!(
            check("patch"),
            Err(MethodError::LowerCase(CorsMethod::Patch))
        );
        assert_eq!(check("OPTIONS"), Err(MethodError::Options));
        for forbidden in ["CONNECT", "TRACE", "TRACK", "connect"] {
            assert!(
                matches!(check(forbidden), Err(MethodError::Forbidden(_))),
                "{forbidden}"
            );
        }
        assert!(matches!(check("PROPFIND"), Err(MethodError::Unknown(_))));
        assert_eq!(CorsMethod::from_bytes(b"patch"), None);
    }

    #[test]
    fn every_lower_or_mixed_case_spelling_suggests_the_upper_case() {
        for m in CorsMethod::ALL {
            let lower = m.as_str().to_ascii_lowercase();
            assert_eq!(check(&lower), Err(MethodError::LowerCase(m)), "{lower}");
            let mut mixed = lower.clone();
            mixed[..1].make_ascii_uppercase();
            assert_eq!(check(&mixed), Err(MethodError::LowerCase(m)), "{mixed}");
            assert!(
                MethodError::LowerCase(m).to_string().contains(m.as_str()),
                "{m:?}"
            );
        }
    }

    #[test]
    fn every_forbidden_method_is_refused_in_any_case() {
        for name in [
            "CONNECT", "TRACE", "TRACK", "connect", "trace", "track", "Track",
        ] {
            assert_eq!(
                check(name),
                Err(MethodError::Forbidden(name.to_owned())),
                "{name}"
            );
        }
        for name in ["OPTIONS", "options", "Options"] {
            assert_eq!(check(name), Err(MethodError::Options), "{name}");
        }
        for name in ["PROPFIND", "QUERY", "LINK", "GETS", ""] {
            assert!(
                matches!(check(name), Err(MethodError::Unknown(_))),
                "{name}"
            );
        }
    }
}
