//! Origins read when the first router mounting a handler is built: `env("NAME")` and
//! `from_fn(path)` entries, checked by the same rules (`cors-rules`) as origins written in
//! the attribute. Origins written in the attribute were checked at compile time and are
//! taken as they are.
//!
//! Each source carries a pointer to its loader, so the checking code (and the `url` and
//! `psl` crates behind it) is linked only into programs whose policies read origins at
//! run time.

use std::fmt;

use cors_rules::entry::{self, Context, Entry};

use crate::origin::OriginSet;
use crate::policy::{Allowed, AllowedOrigin, Origins, Policy};

/// Every problem with a policy's origins, found when the first router mounting its handler
/// is built.
///
/// Building a router with such a policy panics with this message, before the server
/// accepts a connection; call [`CorsHandler::check_origins`](crate::CorsHandler::check_origins)
/// first to handle it yourself.
///
/// ```
/// use cors_runtime::{CorsHandler, cors};
///
/// fn partner_origins() -> Vec<&'static str> {
///     vec!["https://partner.example/", "https://*.com"]
/// }
///
/// #[cors(origins = [from_fn(partner_origins)], methods = [GET])]
/// async fn partners() {}
///
/// let error = <partners as CorsHandler>::check_origins().unwrap_err();
/// assert_eq!(error.handler, "partners");
/// assert_eq!(error.problems.len(), 2);
/// assert!(error.to_string().starts_with("#[cors] origins of `partners` are invalid:"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartupError {
    /// The handler whose policy it is.
    pub handler: &'static str,
    /// One line per bad entry (or missing variable), each saying why.
    pub problems: Vec<String>,
}

impl fmt::Display for StartupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#[cors] origins of `{}` are invalid:", self.handler)?;
        for problem in &self.problems {
            write!(f, "\n  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for StartupError {}

/// An `env(...)` or `from_fn(...)` entry, with the function that reads and checks it.
#[derive(Clone, Copy)]
pub(crate) struct Source {
    pub(crate) kind: SourceKind,
    load: Loader,
}

/// Reads a source and checks each of its entries: pushes the valid ones to the entries
/// (with [`Keep::Yes`] only) and each problem, one per line; returns how many were valid.
type Loader = fn(SourceKind, Context, Keep, &mut Vec<Entry<'static>>, &mut Vec<String>) -> usize;

/// Whether the origins read are kept for the process (building the compiled policy) or
/// only checked ([`CorsHandler::check_origins`](crate::CorsHandler::check_origins)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    Yes,
    No,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum SourceKind {
    Env { name: &'static str, unset: Unset },
    FromFn(fn() -> Vec<String>),
}

/// What an `env(...)` source gives when its variable is not set.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Unset {
    /// `env("NAME")`: a startup error.
    Required,
    /// `env("NAME", optional)`: no origin.
    Optional,
    /// `env("NAME", default = "...")`: origins checked at compile time.
    Default(&'static [AllowedOrigin]),
}

impl Source {
    pub(crate) const fn env(name: &'static str, unset: Unset) -> Source {
        Source {
            kind: SourceKind::Env { name, unset },
            load,
        }
    }

    pub(crate) const fn from_fn(function: fn() -> Vec<String>) -> Source {
        Source {
            kind: SourceKind::FromFn(function),
            load,
        }
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceKind::Env {
                name,
                unset: Unset::Required,
            } => write!(f, "env({name:?})"),
            SourceKind::Env {
                name,
                unset: Unset::Optional,
            } => write!(f, "env({name:?}, optional)"),
            SourceKind::Env {
                name,
                unset: Unset::Default(_),
            } => write!(f, "env({name:?}, default = ..)"),
            SourceKind::FromFn(_) => f.write_str("from_fn(..)"),
        }
    }
}

/// Every problem with the policy's origins, reading them as [`resolve`] does but keeping
/// nothing.
pub(crate) fn check(policy: &Policy) -> Result<(), StartupError> {
    read(policy, Keep::No).map(|_| ())
}

/// The policy's origin set, for the life of the process; `None` for an any-origin policy.
pub(crate) fn resolve(policy: &Policy) -> Result<Option<OriginSet>, StartupError> {
    read(policy, Keep::Yes)
}

fn read(policy: &Policy, keep: Keep) -> Result<Option<OriginSet>, StartupError> {
    let keys = policy.keys();
    let allowed = match keys.origins {
        Origins::Any => return Ok(None),
        Origins::List(allowed) => allowed,
        // `#[cors]` requires `origins` or a shared policy that has them.
        Origins::Unset => &[],
    };
    let context = Context {
        credentials: keys.credentials,
        allow_insecure: keys.allow_insecure_origins,
    };
    let mut problems = Vec::new();
    let mut entries = Vec::with_capacity(allowed.len());
    let mut valid = 0;
    for origin in allowed {
        match origin.0 {
            Allowed::Checked(entry) => {
                entries.push(entry);
                valid += 1;
            }
            Allowed::Source(source) => {
                valid += (source.load)(source.kind, context, keep, &mut entries, &mut problems)
            }
        }
    }
    if valid == 0 && problems.is_empty() {
        problems.push(
            "no origin is allowed: every `env(..., optional)` source is unset and nothing else is listed; set one, or list an origin".to_owned(),
        );
    }
    if !problems.is_empty() {
        Err(StartupError {
            handler: policy.handler,
            problems,
        })
    } else if keep == Keep::Yes {
        Ok(Some(OriginSet::new(&entries)))
    } else {
        Ok(None)
    }
}

/// Reads `kind` and checks every entry by the rules of `cors-rules`. Kept origins live as
/// long as the process (they back its compiled policy), so the text of each valid one is
/// leaked once; nothing is leaked for an invalid entry or with [`Keep::No`].
fn load(
    kind: SourceKind,
    context: Context,
    keep: Keep,
    entries: &mut Vec<Entry<'static>>,
    problems: &mut Vec<String>,
) -> usize {
    let (source, values) = match kind {
        SourceKind::Env { name, unset } => {
            let source = format!("environment variable {name}");
            match (std::env::var(name), unset) {
                (Ok(list), _) => {
                    let values = split_list(&list, &source, problems);
                    (source, values)
                }
                (Err(std::env::VarError::NotPresent), Unset::Optional) => return 0,
                (Err(std::env::VarError::NotPresent), Unset::Default(origins)) => {
                    let before = entries.len();
                    entries.extend(origins.iter().filter_map(|origin| match origin.0 {
                        Allowed::Checked(entry) => Some(entry),
                        Allowed::Source(_) => None,
                    }));
                    return entries.len() - before;
                }
                (Err(std::env::VarError::NotPresent), Unset::Required) => {
                    problems.push(format!(
                        "environment variable {name} is not set; set it to a comma-separated list of origins, e.g. {name}=https://app.example.com"
                    ));
                    return 0;
                }
                (Err(std::env::VarError::NotUnicode(_)), _) => {
                    problems.push(format!("environment variable {name} is not valid UTF-8"));
                    return 0;
                }
            }
        }
        SourceKind::FromFn(function) => {
            let values = function();
            if values.is_empty() {
                problems.push(
                    "from_fn(...) returned no origins; no request could be allowed".to_owned(),
                );
            }
            ("from_fn(...)".to_owned(), values)
        }
    };
    let mut valid = 0;
    for value in values {
        if let Err(e) = entry::check(&value, context) {
            problems.push(format!("{source}: {e}"));
            continue;
        }
        valid += 1;
        if keep == Keep::Yes {
            // Checked just above; checked again on the leaked text to borrow from it.
            let value: &'static str = value.leak();
            entries.extend(entry::check(value, context).ok());
        }
    }
    valid
}

/// Splits `a, b,c` into trimmed entries; empty entries and an empty list are problems.
fn split_list(list: &str, source: &str, problems: &mut Vec<String>) -> Vec<String> {
    if list.trim().is_empty() {
        problems.push(format!("{source} is empty; no request could be allowed"));
        return Vec::new();
    }
    let mut values = Vec::new();
    for (i, value) in entry::split_list(list).enumerate() {
        if value.is_empty() {
            problems.push(format!(
                "{source}: entry {} is empty (a stray comma?)",
                i + 1
            ));
        } else {
            values.push(value.to_owned());
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use cors_rules::method::{CorsMethod, MethodSet};
    use cors_rules::origin::Scheme;

    use super::resolve;
    use crate::policy::{AllowedOrigin, Policy, PolicyKeys};

    const GET: MethodSet = MethodSet::of(&[CorsMethod::Get]);

    /// `http://intranet.example` with `credentials` is refused by the rules (cookies over
    /// plain HTTP). Written in the attribute, the macro refuses it at compile time; once a
    /// literal is in a policy the runtime takes it as it is and does not check it again.
    /// Read from the environment, the same value is checked and refused.
    #[test]
    fn compile_time_literals_are_not_checked_again_at_run_time() {
        static LITERAL: Policy = Policy::new(
            "literal",
            GET,
            PolicyKeys::new()
                .origins(&[AllowedOrigin::exact(Scheme::Http, "intranet.example")])
                .credentials(),
        );
        let set = resolve(&LITERAL)
            .expect("a literal is trusted")
            .expect("a list");
        let origin = http::HeaderValue::from_static("http://intranet.example");
        assert_eq!(set.find(&origin), Some(origin));

        static FROM_A_FUNCTION: Policy = Policy::new(
            "from_a_function",
            GET,
            PolicyKeys::new()
                .origins(&[AllowedOrigin::from_fn(|| {
                    vec!["http://intranet.example".into()]
                })])
                .credentials(),
        );
        let error = resolve(&FROM_A_FUNCTION).expect_err("a read origin is checked");
        assert_eq!(error.handler, "from_a_function");
        assert!(error.problems[0].contains("plain `http://`"), "{error}");
    }
}
