//! Origins read when the first router mounting a handler is built: `env("NAME")` and `from_fn(path)` entries,
//! checked by the same rules (`cors-rules`) as origins written in the attribute.

use std::fmt;

use cors_rules::entry::{self, Context, Entry};

use crate::origin::OriginSet;
use crate::policy::{AllowedOrigin, Origins, Policy};

/// Every problem with a policy's origins, found when the first router mounting its handler is built.
///
/// Building a router with such a policy panics with this message, before the server
/// accepts a connection; call [`Policy::check_origins`] first to handle it yourself.
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

impl Policy {
    /// Reads and checks the origins this policy takes from the environment or a
    /// function, the way building the router does.
    pub fn check_origins(&self) -> Result<(), StartupError> {
        resolve(self).map(|_| ())
    }
}

/// The policy's origin set; `None` for an any-origin policy.
pub(crate) fn resolve(policy: &Policy) -> Result<Option<OriginSet>, StartupError> {
    let entries = match policy.origins {
        Origins::Any => return Ok(None),
        Origins::List(entries) => entries,
    };
    let context = Context {
        credentials: policy.credentials,
        allow_insecure: policy.allow_insecure_origins,
    };
    let mut problems = Vec::new();
    let mut exact = Vec::new();
    let mut patterns = Vec::new();
    let mut add = |source: &str, value: &str, problems: &mut Vec<String>| match entry::check(
        value, context,
    ) {
        Ok(Entry::Exact(origin)) => exact.push(origin),
        Ok(Entry::Pattern(pattern)) => patterns.push(pattern),
        Err(e) => problems.push(format!("{source}: {e}")),
    };
    for origin in entries {
        match *origin {
            AllowedOrigin::Exact(value) | AllowedOrigin::Pattern(value) => {
                add("origins", value, &mut problems)
            }
            AllowedOrigin::Env(name) => match std::env::var(name) {
                Ok(list) => {
                    let source = format!("environment variable {name}");
                    for value in split_list(&list, &source, &mut problems) {
                        add(&source, value, &mut problems);
                    }
                }
                Err(std::env::VarError::NotPresent) => problems.push(format!(
                    "environment variable {name} is not set; set it to a comma-separated list of origins, e.g. {name}=https://app.example.com"
                )),
                Err(std::env::VarError::NotUnicode(_)) => {
                    problems.push(format!("environment variable {name} is not valid UTF-8"))
                }
            },
            AllowedOrigin::FromFn(function) => {
                let list = function();
                if list.is_empty() {
                    problems.push("from_fn(...) returned no origins; no request could be allowed".to_owned());
                }
                for value in &list {
                    add("from_fn(...)", value, &mut problems);
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(Some(OriginSet::new(exact, patterns)))
    } else {
        Err(StartupError {
            handler: policy.handler,
            problems,
        })
    }
}

/// Splits `a, b,c` into trimmed entries; empty entries and an empty list are problems.
fn split_list<'a>(list: &'a str, source: &str, problems: &mut Vec<String>) -> Vec<&'a str> {
    if list.trim().is_empty() {
        problems.push(format!("{source} is empty; no request could be allowed"));
        return Vec::new();
    }
    let mut values = Vec::new();
    for (i, value) in list.split(',').map(str::trim).enumerate() {
        if value.is_empty() {
            problems.push(format!(
                "{source}: entry {} is empty (a stray comma?)",
                i + 1
            ));
        } else {
            values.push(value);
        }
    }
    values
}
