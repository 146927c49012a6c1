//! Origins read when the first router mounting a handler is built: a policy's `env(...)`
//! and `from_fn(...)` entries, read and checked ([`crate::allowed_origin`]) beside the
//! origins checked at compile time, which are taken as they are.

use std::fmt;

use crate::allowed_origin::{Allowed, Keep};
use crate::definition::Definition;
use crate::keys::Origins;
use crate::origin::OriginSet;
use cors_rules::entry::Context;

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
#[non_exhaustive]
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

/// Every problem with the policy's origins, reading them as [`resolve`] does but keeping
/// nothing.
pub(crate) fn check(policy: &Definition) -> Result<(), StartupError> {
    read(policy, Keep::No).map(|_| ())
}

/// The policy's origin set, for the life of the process; `None` for an any-origin policy.
pub(crate) fn resolve(policy: &Definition) -> Result<Option<OriginSet>, StartupError> {
    read(policy, Keep::Yes)
}

fn read(policy: &Definition, keep: Keep) -> Result<Option<OriginSet>, StartupError> {
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
    let mut live = Vec::new();
    let mut valid = 0;
    for origin in allowed {
        match origin.0 {
            Allowed::Checked(entry) => {
                entries.push(entry);
                valid += 1;
            }
            Allowed::Source(source) => {
                valid += source.read(context, keep, &mut entries, &mut problems)
            }
            // A live set may be empty for now: it grants nothing then, and counts as a
            // source of origins. Its entries must pass this policy's rules from now on.
            Allowed::Live(set, name) => {
                let set = set();
                let found = match keep {
                    Keep::Yes => set.register(name, context),
                    Keep::No => set.problems(context),
                };
                problems.extend(found.into_iter().map(|p| format!("live({name}): {p}")));
                live.push(set);
                valid += 1;
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
        Ok(Some(OriginSet::new(&entries, live)))
    } else {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use cors_rules::method::{CorsMethod, MethodSet};
    use cors_rules::origin::Scheme;

    use super::resolve;
    use crate::allowed_origin::AllowedOrigin;
    use crate::definition::Definition;
    use crate::keys::PolicyKeys;

    const GET: MethodSet = MethodSet::of(&[CorsMethod::Get]);

    /// `http://intranet.example` with `credentials` is refused by the rules (cookies over
    /// plain HTTP). Written in the attribute, the macro refuses it at compile time; once a
    /// literal is in a policy the runtime takes it as it is and does not check it again.
    /// Read from the environment, the same value is checked and refused.
    #[test]
    fn compile_time_literals_are_not_checked_again_at_run_time() {
        static LITERAL: Definition = Definition::new(
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

        static FROM_A_FUNCTION: Definition = Definition::new(
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
