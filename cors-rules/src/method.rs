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
    #[inline]
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
    #[inline]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Parses a method name byte-exactly: methods are case-sensitive (Fetch, "method"),
    /// so `patch` is not `PATCH`.
    #[inline]
    pub fn from_bytes(name: &[u8]) -> Option<CorsMethod> {
        // One comparison of the whole name, not one per method (preflight dispatch).
        match name {
            b"GET" => Some(CorsMethod::Get),
            b"HEAD" => Some(CorsMethod::Head),
            b"POST" => Some(CorsMethod::Post),
            b"PUT" => Some(CorsMethod::Put),
            b"DELETE" => Some(CorsMethod::Delete),
            b"PATCH" => Some(CorsMethod::Patch),
            _ => None,
        }
    }
}

/// A set of [`CorsMethod`]s: the methods one handler is routed on, or a whole path's.
#[derive(Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct MethodSet(u8);

impl MethodSet {
    /// No method.
    pub const EMPTY: MethodSet = MethodSet(0);
    /// `{GET}`: `#[cors]` writes a handler's methods as these constants joined with
    /// [`MethodSet::union`], which the compiler evaluates faster than [`MethodSet::of`].
    pub const GET: MethodSet = MethodSet::EMPTY.with(CorsMethod::Get);
    /// `{HEAD}`
    pub const HEAD: MethodSet = MethodSet::EMPTY.with(CorsMethod::Head);
    /// `{POST}`
    pub const POST: MethodSet = MethodSet::EMPTY.with(CorsMethod::Post);
    /// `{PUT}`
    pub const PUT: MethodSet = MethodSet::EMPTY.with(CorsMethod::Put);
    /// `{DELETE}`
    pub const DELETE: MethodSet = MethodSet::EMPTY.with(CorsMethod::Delete);
    /// `{PATCH}`
    pub const PATCH: MethodSet = MethodSet::EMPTY.with(CorsMethod::Patch);

    /// The set of `methods`; a method listed twice counts once.
    pub const fn of(methods: &[CorsMethod]) -> MethodSet {
        let mut set = MethodSet::EMPTY;
        let mut i = 0;
        while i < methods.len() {
            set = set.with(methods[i]);
            i += 1;
        }
        set
    }

    /// `self` plus `method`.
    #[inline]
    pub const fn with(self, method: CorsMethod) -> MethodSet {
        MethodSet(self.0 | 1 << method.index())
    }

    /// Whether `method` is in the set.
    #[inline]
    pub const fn contains(self, method: CorsMethod) -> bool {
        self.0 & 1 << method.index() != 0
    }

    /// Every method of either set.
    #[inline]
    pub const fn union(self, other: MethodSet) -> MethodSet {
        MethodSet(self.0 | other.0)
    }

    /// The methods in both sets.
    pub const fn intersection(self, other: MethodSet) -> MethodSet {
        MethodSet(self.0 & other.0)
    }

    /// Whether the set has no method.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The methods a router answers for a handler routed on `self`: GET brings HEAD, since
    /// axum answers HEAD with the GET handler. The one home of that rule: the preflight's
    /// `Access-Control-Allow-Methods`, the preflight dispatch of HEAD and the `Allow` of a
    /// plain OPTIONS request all follow it.
    #[inline]
    pub const fn routed(self) -> MethodSet {
        if self.contains(CorsMethod::Get) {
            self.with(CorsMethod::Head)
        } else {
            self
        }
    }

    /// The methods, in the order of [`CorsMethod::ALL`].
    pub fn iter(self) -> impl Iterator<Item = CorsMethod> {
        CorsMethod::ALL
            .into_iter()
            .filter(move |m| self.contains(*m))
    }

    /// The names joined with `", "`, as in `Access-Control-Allow-Methods: GET, HEAD`.
    pub fn join(self) -> String {
        self.iter()
            .map(CorsMethod::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::fmt::Debug for MethodSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
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
        for m in CorsMethod::ALL {
            assert_eq!(CorsMethod::from_bytes(m.as_str().as_bytes()), Some(m));
        }
        for near in [&b"GETS"[..], b"GE", b"", b" GET", b"GET "] {
            assert_eq!(CorsMethod::from_bytes(near), None);
        }
    }

    #[test]
    fn method_sets() {
        let set = MethodSet::of(&[CorsMethod::Post, CorsMethod::Get, CorsMethod::Post]);
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [CorsMethod::Get, CorsMethod::Post]
        );
        assert_eq!(set.routed().join(), "GET, HEAD, POST");
        assert_eq!(MethodSet::of(&[CorsMethod::Put]).routed().join(), "PUT");
        assert!(MethodSet::EMPTY.is_empty());
        assert_eq!(MethodSet::GET.union(MethodSet::POST), set);
        for m in CorsMethod::ALL {
            let name = MethodSet::of(&[m]).join();
            assert_eq!(name, m.as_str());
        }
        assert!(
            set.intersection(MethodSet::of(&[CorsMethod::Put]))
                .is_empty()
        );
        assert_eq!(
            set.union(MethodSet::of(&[CorsMethod::Patch])).join(),
            "GET, POST, PATCH"
        );
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
