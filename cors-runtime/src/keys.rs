//! The keys of a policy as `#[cors]` or `#[cors_policy]` writes them: plain data built by
//! `const fn` constructors that establish every invariant the runtime relies on
//! (lower-case token header names, sorted for binary search; `max_age` within its limit),
//! so no invariant is left to the macro's good behaviour and an added key is a new
//! constructor, not a breaking change. Reached only through `__private`.

use cors_rules::header::is_tchar;

use crate::allowed_origin::AllowedOrigin;

/// The keys of a policy, as written on a handler (`#[cors(...)]`) or on a shared policy
/// (`#[cors_policy(...)]`): plain data, so a shared policy is a constant that compile-time
/// checks can read.
// Not plain `Keys`: with a wrong crate path, rustc would suggest importing std's `Keys`
// (the UI test `crate-key-missing` pins the single clean error).
#[derive(Debug, Clone, Copy)]
pub struct PolicyKeys {
    pub(crate) origins: Origins,
    pub(crate) headers: Names,
    pub(crate) expose: Names,
    pub(crate) credentials: bool,
    pub(crate) max_age: Option<u32>,
    pub(crate) private_network: bool,
    pub(crate) strict: bool,
    pub(crate) allow_insecure_origins: bool,
    /// Lists a plain `http://` origin off loopback (`#[cors_policy]` decides, with the
    /// rule of `cors-rules`), which a handler adding `credentials` must not inherit.
    pub(crate) insecure_origins: bool,
}

/// `origins`: not given (a handler using a shared policy), `"*"`, or a list.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Origins {
    Unset,
    Any,
    List(&'static [AllowedOrigin]),
}

/// `headers` or `expose`: none, `"*"`, or lower-case names sorted byte-wise.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Names {
    None,
    Any,
    /// `headers = ["*", "authorization"]`.
    AnyAndAuthorization,
    List(&'static [&'static str]),
}

impl PolicyKeys {
    /// No key yet: no origin, no header, no flag.
    pub const fn new() -> PolicyKeys {
        PolicyKeys {
            origins: Origins::Unset,
            headers: Names::None,
            expose: Names::None,
            credentials: false,
            max_age: None,
            private_network: false,
            strict: false,
            allow_insecure_origins: false,
            insecure_origins: false,
        }
    }

    /// `origins = [...]`.
    pub const fn origins(mut self, origins: &'static [AllowedOrigin]) -> PolicyKeys {
        self.origins = Origins::List(origins);
        self
    }

    /// `origins = "*"`.
    pub const fn any_origin(mut self) -> PolicyKeys {
        self.origins = Origins::Any;
        self
    }

    /// `headers = [...]`: lower-case tokens, sorted, each once.
    pub const fn headers(mut self, names: &'static [&'static str]) -> PolicyKeys {
        self.headers = Names::List(sorted_names(names));
        self
    }

    /// `headers = "*"`.
    pub const fn any_header(mut self) -> PolicyKeys {
        self.headers = Names::Any;
        self
    }

    /// `headers = ["*", "authorization"]`: any header, `Authorization` included (Fetch:
    /// `*` never covers it; naming it does).
    pub const fn any_header_and_authorization(mut self) -> PolicyKeys {
        self.headers = Names::AnyAndAuthorization;
        self
    }

    /// `expose = [...]`: lower-case tokens, sorted, each once.
    pub const fn expose(mut self, names: &'static [&'static str]) -> PolicyKeys {
        self.expose = Names::List(sorted_names(names));
        self
    }

    /// `expose = "*"`.
    pub const fn expose_any(mut self) -> PolicyKeys {
        self.expose = Names::Any;
        self
    }

    /// `credentials`.
    pub const fn credentials(mut self) -> PolicyKeys {
        self.credentials = true;
        self
    }

    /// `max_age = seconds`, at most one day.
    pub const fn max_age(mut self, seconds: u32) -> PolicyKeys {
        assert!(
            seconds as u64 <= cors_rules::MAX_AGE_LIMIT,
            "max_age is at most 86400"
        );
        self.max_age = Some(seconds);
        self
    }

    /// `private_network`.
    pub const fn private_network(mut self) -> PolicyKeys {
        self.private_network = true;
        self
    }

    /// `strict`.
    pub const fn strict(mut self) -> PolicyKeys {
        self.strict = true;
        self
    }

    /// `dangerously_allow_insecure_origins`.
    pub const fn allow_insecure_origins(mut self) -> PolicyKeys {
        self.allow_insecure_origins = true;
        self
    }

    /// The origins listed include a plain `http://` one off loopback.
    pub const fn insecure_origins(mut self) -> PolicyKeys {
        self.insecure_origins = true;
        self
    }

    // What the compile-time checks of a handler using a shared policy read.

    /// `origins = "*"`.
    pub const fn allows_any_origin(&self) -> bool {
        matches!(self.origins, Origins::Any)
    }

    /// `credentials`.
    pub const fn has_credentials(&self) -> bool {
        self.credentials
    }

    /// `strict`.
    pub const fn is_strict(&self) -> bool {
        self.strict
    }

    /// A plain `http://` origin off loopback without `dangerously_allow_insecure_origins`.
    pub const fn has_insecure_origins(&self) -> bool {
        self.insecure_origins && !self.allow_insecure_origins
    }

    /// `headers` (`expose` when `exposed`) is `"*"` or `["*", "authorization"]`.
    pub const fn has_wildcard(&self, exposed: bool) -> bool {
        let names = if exposed { self.expose } else { self.headers };
        matches!(names, Names::Any | Names::AnyAndAuthorization)
    }

    /// `headers` (`expose` when `exposed`) is given.
    pub const fn has_names(&self, exposed: bool) -> bool {
        let names = if exposed { self.expose } else { self.headers };
        !matches!(names, Names::None)
    }

    /// `headers` (`expose` when `exposed`) lists `name` (lower case).
    pub const fn lists(&self, exposed: bool, name: &str) -> bool {
        let names = if exposed { self.expose } else { self.headers };
        let Names::List(names) = names else {
            return false;
        };
        let mut i = 0;
        while i < names.len() {
            let listed = names[i].as_bytes();
            if !is_before(listed, name.as_bytes()) && !is_before(name.as_bytes(), listed) {
                return true;
            }
            i += 1;
        }
        false
    }
}

impl Default for PolicyKeys {
    fn default() -> PolicyKeys {
        PolicyKeys::new()
    }
}

/// The invariant of a header name list: lower-case tokens, strictly increasing byte-wise
/// (sorted, no name twice), so a lookup is a binary search.
const fn sorted_names(names: &'static [&'static str]) -> &'static [&'static str] {
    let mut i = 0;
    while i < names.len() {
        let name = names[i].as_bytes();
        let mut j = 0;
        while j < name.len() {
            assert!(
                is_tchar(name[j]) && !name[j].is_ascii_uppercase(),
                "header names are lower-case tokens"
            );
            j += 1;
        }
        assert!(!name.is_empty(), "header names are not empty");
        if i > 0 {
            assert!(
                is_before(names[i - 1].as_bytes(), name),
                "header names are sorted and listed once"
            );
        }
        i += 1;
    }
    names
}

/// `a < b` byte-wise, in a `const fn`.
const fn is_before(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

/// The constructors refuse what the runtime could not work with. In the `static` that
/// `#[cors]` writes, each of these panics is a compile error; here they run as code.
#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> PolicyKeys {
        PolicyKeys::new()
    }

    #[test]
    #[should_panic(expected = "header names are sorted and listed once")]
    fn unsorted_names() {
        policy().headers(&["x-b", "x-a"]);
    }

    #[test]
    #[should_panic(expected = "header names are sorted and listed once")]
    fn a_name_twice() {
        policy().expose(&["x-a", "x-a"]);
    }

    #[test]
    #[should_panic(expected = "header names are lower-case tokens")]
    fn upper_case_names() {
        policy().headers(&["Content-Type"]);
    }

    #[test]
    #[should_panic(expected = "max_age is at most 86400")]
    fn max_age_over_a_day() {
        policy().max_age(86_401);
    }

    #[test]
    fn sorted_lower_case_names_are_kept() {
        let keys = policy().headers(&["content-type", "x-a"]).max_age(86_400);
        assert!(matches!(keys.headers, Names::List(["content-type", "x-a"])));
        assert_eq!(keys.max_age, Some(86_400));
    }
}
