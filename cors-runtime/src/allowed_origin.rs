//! One entry of `origins = [...]`: an origin or a pattern checked by `#[cors]` at compile
//! time, or a source (`env("NAME")`, `from_fn(path)`) read when the first router mounting
//! the handler is built and checked by the same rules (`cors-rules`).
//!
//! Each source carries a pointer to its loader, so the checking code (and the `url` and
//! `psl` crates behind it) is linked only into programs whose policies read origins at
//! run time.

use std::fmt;

use cors_rules::entry::{self, Context, Entry};
use cors_rules::origin::{Origin, Scheme};
use cors_rules::pattern::OriginPattern;

use crate::live::LiveOrigins;

/// One entry of `origins = [...]`: checked at compile time (an origin or a pattern, kept
/// as its parts), or a source read when the first router is built.
#[derive(Debug, Clone, Copy)]
pub struct AllowedOrigin(pub(crate) Allowed);

#[derive(Debug, Clone, Copy)]
pub(crate) enum Allowed {
    Checked(Entry<'static>),
    Source(Source),
    /// `live(NAME)`: the set, reached through a function (see [`AllowedOrigin::live`]),
    /// and its name as written.
    Live(fn() -> &'static LiveOrigins, &'static str),
}

impl AllowedOrigin {
    /// `"scheme://host"`, checked by `#[cors]`.
    pub const fn exact(scheme: Scheme, host: &'static str) -> AllowedOrigin {
        AllowedOrigin(Allowed::Checked(Entry::Exact(Origin::from_parts(
            scheme, host, None,
        ))))
    }

    /// `"scheme://host:port"`, checked by `#[cors]`.
    pub const fn exact_with_port(scheme: Scheme, host: &'static str, port: u16) -> AllowedOrigin {
        AllowedOrigin(Allowed::Checked(Entry::Exact(Origin::from_parts(
            scheme,
            host,
            Some(port),
        ))))
    }

    /// `"scheme://*.domain"`, checked by `#[cors]`.
    pub const fn subdomains(scheme: Scheme, domain: &'static str) -> AllowedOrigin {
        AllowedOrigin::subdomains_of(scheme, domain, None)
    }

    /// `"scheme://*.domain:port"`, checked by `#[cors]`.
    pub const fn subdomains_with_port(
        scheme: Scheme,
        domain: &'static str,
        port: u16,
    ) -> AllowedOrigin {
        AllowedOrigin::subdomains_of(scheme, domain, Some(port))
    }

    const fn subdomains_of(
        scheme: Scheme,
        domain: &'static str,
        port: Option<u16>,
    ) -> AllowedOrigin {
        assert!(!domain.is_empty(), "a pattern names a domain");
        AllowedOrigin(Allowed::Checked(Entry::Pattern(
            OriginPattern::Subdomains {
                scheme,
                domain,
                port,
            },
        )))
    }

    /// `"scheme://host:*"`, checked by `#[cors]`.
    pub const fn any_port(scheme: Scheme, host: &'static str) -> AllowedOrigin {
        assert!(!host.is_empty(), "a pattern names a host");
        AllowedOrigin(Allowed::Checked(Entry::Pattern(OriginPattern::AnyPort {
            scheme,
            host,
        })))
    }

    /// `env("NAME")`: a comma-separated list, read and checked once per process; unset is
    /// a startup error.
    pub const fn env(name: &'static str) -> AllowedOrigin {
        AllowedOrigin(Allowed::Source(Source::env(name, Unset::Required)))
    }

    /// `env("NAME", optional)`: as [`AllowedOrigin::env`], but unset gives no origin.
    pub const fn env_optional(name: &'static str) -> AllowedOrigin {
        AllowedOrigin(Allowed::Source(Source::env(name, Unset::Optional)))
    }

    /// `env("NAME", default = "...")`: as [`AllowedOrigin::env`], but unset gives
    /// `default`, origins and patterns checked by `#[cors]`.
    pub const fn env_or(name: &'static str, default: &'static [AllowedOrigin]) -> AllowedOrigin {
        AllowedOrigin(Allowed::Source(Source::env(
            name,
            Unset::Default(only_checked(default)),
        )))
    }

    /// `from_fn(path)`: a list returned by a function, called and checked once per process.
    pub const fn from_fn(function: fn() -> Vec<String>) -> AllowedOrigin {
        AllowedOrigin(Allowed::Source(Source::from_fn(function)))
    }

    /// `live(NAME)`: the `static` [`LiveOrigins`] `NAME`, read on every request. A
    /// function returns it, rather than the policy holding a reference: a shared policy's
    /// keys are a `const`, which may not point at memory that changes.
    pub const fn live(set: fn() -> &'static LiveOrigins, name: &'static str) -> AllowedOrigin {
        AllowedOrigin(Allowed::Live(set, name))
    }
}

/// `default`, which must list checked origins and patterns only (no source).
const fn only_checked(default: &'static [AllowedOrigin]) -> &'static [AllowedOrigin] {
    let mut i = 0;
    while i < default.len() {
        assert!(
            matches!(default[i].0, Allowed::Checked(_)),
            "an env default lists origins and patterns only"
        );
        i += 1;
    }
    default
}

/// An `env(...)` or `from_fn(...)` entry, with the function that reads and checks it.
#[derive(Clone, Copy)]
pub(crate) struct Source {
    pub(crate) kind: SourceKind,
    load: Loader,
}

/// [`Source::read`], as a pointer: only programs with a source link the checks.
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

impl Source {
    /// Reads the source and checks each entry: pushes the valid ones to `entries` (with
    /// [`Keep::Yes`] only) and each problem, one per line; returns how many were valid.
    pub(crate) fn read(
        &self,
        context: Context,
        keep: Keep,
        entries: &mut Vec<Entry<'static>>,
        problems: &mut Vec<String>,
    ) -> usize {
        (self.load)(self.kind, context, keep, entries, problems)
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
                        Allowed::Source(_) | Allowed::Live(..) => None,
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
    use super::*;

    #[test]
    #[should_panic(expected = "no port 0 and no default port")]
    fn an_origin_with_its_default_port() {
        AllowedOrigin::exact_with_port(Scheme::Https, "a.example", 443);
    }
}
