//! Validation: every CORS rule of the attribute, checked after parsing and before
//! expanding, into the normalised [`model::Policy`](crate::model::Policy). All errors of
//! one attribute are collected in one [`Errors`] and reported together, each on the token
//! it is about. [`validate`] runs four steps: collect the keys, check each key's value,
//! report missing keys, then the rules spanning several keys (`cross_keys`). What a valid
//! origin, method, header name or `max_age` is lives in `cors-rules`; this module applies
//! those rules, one concern per submodule.

mod cross_keys;
mod errors;
mod methods;
mod names;
mod origins;
mod scalars;
#[cfg(test)]
mod tests;

use proc_macro2::{Span, TokenStream};
use syn::Ident;

use cors_rules::entry;
use cors_rules::header;
use cors_rules::method::MethodSet;

use crate::ast::{Args, Call, Entry, Item, Str, Value};
use crate::key::{Key, Kind};
use crate::model::{self, Policy};

pub use errors::Errors;

/// What is being checked: a handler's `#[cors(...)]`, or a shared policy's
/// `#[cors_policy(...)]` (no `methods`, no `policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Handler,
    Shared,
}

/// The policy, or the errors together with a stub policy to emit beside them.
pub struct Validated<'a> {
    pub policy: Policy<'a>,
    pub errors: Option<syn::Error>,
}

/// Checks the attribute. Errors about a missing key point at the attribute's arguments
/// (`attr`), or at `attr_span` (the whole attribute) when there are none.
pub fn validate<'a>(
    args: &'a Args,
    attr: &TokenStream,
    attr_span: Span,
    mode: Mode,
) -> Validated<'a> {
    let mut errors = Errors::default();
    for error in &args.errors {
        errors.add(error.clone());
    }
    let keys = collect_keys(args, &mut errors);
    let mut policy = check_keys(&keys, mode, &mut errors);
    // A syntax error may have swallowed the key, so only report it missing without one.
    if args.errors.is_empty() {
        missing_keys(&keys, mode, attr, attr_span, &mut errors);
    }
    cross_keys::check(&keys, &policy, &mut errors);
    policy.shared_checks = cross_keys::shared_checks(&keys, &policy);
    let errors = errors.into_error();
    if errors.is_some() {
        policy = Policy::stub(policy.krate);
    }
    Validated { policy, errors }
}

/// The first occurrence of each known key, in the order written.
struct Keys<'a> {
    found: Vec<(Key, &'a Ident, &'a Value)>,
    /// Keys suggested for a misspelt one: not reported missing as well.
    suggested: Vec<Key>,
}

impl<'a> Keys<'a> {
    fn has(&self, wanted: Key) -> bool {
        self.get(wanted).is_some()
    }

    /// The key as written and its value.
    fn get(&self, wanted: Key) -> Option<(&'a Ident, &'a Value)> {
        self.found
            .iter()
            .find(|(key, ..)| *key == wanted)
            .map(|&(_, ident, value)| (ident, value))
    }
}

/// The keys of the attribute; unknown and repeated keys are reported on the key itself.
fn collect_keys<'a>(args: &'a Args, errors: &mut Errors) -> Keys<'a> {
    let mut keys = Keys {
        found: Vec::new(),
        suggested: Vec::new(),
    };
    for Entry { key: ident, value } in &args.entries {
        let name = ident.to_string();
        match Key::from_name(&name) {
            None => {
                let suggestion = Key::suggest(&name);
                keys.suggested.extend(suggestion);
                errors.at(ident, unknown_key(&name, suggestion));
            }
            Some(key) if keys.has(key) => {
                errors.at(ident, format!("`{name}` is given twice; keep one"))
            }
            Some(key) => keys.found.push((key, ident, value)),
        }
    }
    keys
}

fn unknown_key(name: &str, suggestion: Option<Key>) -> String {
    let valid = Key::list();
    match suggestion {
        Some(key) => format!(
            "unknown key `{name}`: did you mean `{}`? The keys are {valid}",
            key.name()
        ),
        None => format!("unknown key `{name}`; the keys are {valid}"),
    }
}

/// Each key's value, checked into its field of the policy.
fn check_keys<'a>(keys: &Keys<'a>, mode: Mode, errors: &mut Errors) -> Policy<'a> {
    // Filled key by key: `origins` stays `None` unless given.
    let mut policy = Policy {
        origins: None,
        ..Policy::stub(model::default_krate())
    };
    // How an origin is checked depends on these flags.
    let context = entry::Context {
        credentials: keys.has(Key::Credentials),
        allow_insecure: keys.has(Key::DangerouslyAllowInsecureOrigins),
    };
    for &(key, ident, value) in &keys.found {
        if !has_its_shape(key, ident, value, errors) {
            continue;
        }
        match key {
            Key::Origins if mode == Mode::Handler && keys.has(Key::Policy) => errors.at(
                ident,
                "`origins` come from the shared policy given with `policy = ...`: list them there, or define another shared policy for these origins",
            ),
            Key::Origins => policy.origins = origins::check(ident, value, context, errors),
            Key::Methods if mode == Mode::Shared => errors.at(
                ident,
                "a shared policy has no `methods`: each handler gives its own, e.g. `#[cors(policy = SpaPolicy, methods = [GET])]`",
            ),
            Key::Methods => {
                policy.methods = methods::check(ident, value, errors).unwrap_or(MethodSet::EMPTY)
            }
            Key::Policy if mode == Mode::Shared => errors.at(
                ident,
                "a shared policy cannot use another one: write its keys here",
            ),
            Key::Policy => policy.shared = scalars::check_path(key, ident, value, errors),
            Key::Headers => {
                policy.headers = names::check(key, ident, value, header::check_request_header, errors)
            }
            Key::Expose => {
                policy.expose = names::check(key, ident, value, header::check_exposed_header, errors)
            }
            Key::MaxAge => policy.max_age = scalars::check_max_age(ident, value, errors),
            Key::Crate => {
                if let Some(krate) = scalars::check_path(key, ident, value, errors) {
                    policy.krate = krate;
                }
            }
            Key::Credentials => policy.credentials = true,
            Key::PrivateNetwork => policy.private_network = true,
            Key::Strict => policy.strict = true,
            Key::DangerouslyAllowInsecureOrigins => policy.allow_insecure_origins = true,
        }
    }
    policy.insecure_origins = policy.origins.as_ref().is_some_and(origins::lists_insecure);
    policy
}

/// Whether the value has the key's shape: a flag is written alone (reported otherwise,
/// but still set), any other key needs a value.
fn has_its_shape(key: Key, ident: &Ident, value: &Value, errors: &mut Errors) -> bool {
    match (key.kind(), value) {
        (Kind::Flag, _) => scalars::check_flag(ident, value, errors),
        (_, Value::Flag) => {
            errors.at(
                ident,
                format!("`{}` needs a value, e.g. {}", key.name(), key.example()),
            );
            return false;
        }
        (Kind::List | Kind::Number | Kind::Path, _) => {}
    }
    true
}

/// The keys an attribute cannot go without.
fn missing_keys(keys: &Keys, mode: Mode, attr: &TokenStream, attr_span: Span, errors: &mut Errors) {
    let absent = |key: Key| !keys.has(key) && !keys.suggested.contains(&key);
    // A handler with a shared policy takes its origins from it.
    let from_shared = mode == Mode::Handler && keys.has(Key::Policy);
    let missing_origins = absent(Key::Origins) && !from_shared;
    let missing_methods = mode == Mode::Handler && absent(Key::Methods);
    let message = match (missing_origins, missing_methods) {
        (true, _) if mode == Mode::Shared => Some(
            "missing `origins`: say which origins may call the handlers that use this policy, e.g. `origins = [\"https://app.example.com\"]`",
        ),
        (true, true) => Some(
            "`#[cors]` needs `origins` and `methods`: say which origins may call this handler and which methods it is routed on, e.g. `#[cors(origins = [\"https://app.example.com\"], methods = [GET])]`",
        ),
        (true, false) => Some(
            "missing `origins`: say which origins may call this handler, e.g. `origins = [\"https://app.example.com\"]`, `origins = \"*\"` for any origin, or `policy = SpaPolicy` for a shared policy",
        ),
        (false, true) => Some(
            "missing `methods`: say which methods this handler is routed on, e.g. `methods = [GET]`",
        ),
        (false, false) => None,
    };
    match message {
        Some(message) if attr.is_empty() => errors.push(attr_span, message),
        Some(message) => errors.at(attr, message),
        None => {}
    }
}

/// `"a, b"` as the list `["a", "b"]`, for the "takes a list" suggestions.
pub(crate) fn as_list(value: &str, quote: bool) -> String {
    value
        .split([',', ' '])
        .filter(|part| !part.is_empty())
        .map(|part| {
            if quote {
                format!("\"{part}\"")
            } else {
                part.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// An entry of `origins`, `headers` or `expose`, which are all string literals.
fn string_item<'a>(item: &'a Item, key: Key, errors: &mut Errors) -> Option<&'a Str> {
    match item {
        Item::Str(s) => Some(s),
        Item::Ident(ident) if key == Key::Origins => {
            errors.at(
                ident,
                "each origin is a string literal, e.g. `\"https://app.example.com\"`",
            );
            None
        }
        Item::Ident(ident) => {
            // `CONTENT_TYPE`, as in `http::header::CONTENT_TYPE`, means `"content-type"`.
            let name = ident.to_string().to_ascii_lowercase().replace('_', "-");
            errors.at(
                ident,
                format!("header names are string literals: write `\"{name}\"`"),
            );
            None
        }
        Item::Other(tokens) | Item::Call(Call { tokens, .. }) => {
            let message = if key == Key::Origins {
                "each origin is a string literal, e.g. `\"https://app.example.com\"`"
            } else {
                "header names are string literals, e.g. `\"content-type\"`"
            };
            errors.at(tokens, message);
            None
        }
    }
}
