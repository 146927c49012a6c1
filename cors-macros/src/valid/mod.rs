//! Validation: every CORS rule of the attribute, checked after parsing and before
//! expanding, into the normalised [`model::Policy`](crate::model::Policy). All errors of
//! one attribute are collected and reported together, each on the token it is about.
//! What a valid origin, method, header name or `max_age` is lives in `cors-rules`; this
//! module applies those rules and the cross-key ones, one concern per submodule.

mod errors;
mod methods;
mod names;
mod origins;
mod scalars;
#[cfg(test)]
mod tests;

use proc_macro2::{Span, TokenStream};
use syn::{Ident, LitStr};

use cors_rules::entry;
use cors_rules::header;
use cors_rules::method::MethodSet;

use crate::ast::{Args, Call, Entry, Item, Value};
use crate::key::{Key, Kind};
use crate::model::{self, Names, Origins, Policy};

pub use errors::Errors;

/// What is being checked: a handler's `#[cors(...)]`, or a shared policy's
/// `#[cors_policy(...)]` (no `methods`, no `policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Handler,
    Shared,
}

/// The policy, or the errors together with a stub policy to emit beside them.
pub struct Validated {
    pub policy: Policy,
    pub errors: Option<syn::Error>,
}

/// Checks the attribute. Errors about a missing key point at the attribute's arguments
/// (`attr`), or at `attr_span` (the whole attribute) when there are none.
pub fn validate(args: &Args, attr: &TokenStream, attr_span: Span, mode: Mode) -> Validated {
    let mut errors = Errors::default();
    for error in &args.errors {
        errors.add(error.clone());
    }

    // The first occurrence of each known key; unknown and repeated keys are reported on
    // the key itself.
    let mut keys: Vec<(Key, &Ident, &Value)> = Vec::new();
    // Keys suggested for a misspelt one: not reported missing as well.
    let mut suggested: Vec<Key> = Vec::new();
    for Entry { key: ident, value } in &args.entries {
        let name = ident.to_string();
        match Key::from_name(&name) {
            None => {
                let suggestion = Key::suggest(&name);
                suggested.extend(suggestion);
                errors.at(ident, unknown_key(&name, suggestion));
            }
            Some(key) if keys.iter().any(|(seen, ..)| *seen == key) => {
                errors.at(ident, format!("`{name}` is given twice; keep one"))
            }
            Some(key) => keys.push((key, ident, value)),
        }
    }
    let has = |wanted: Key| keys.iter().any(|(key, ..)| *key == wanted);

    // How an origin is checked depends on these flags.
    let context = entry::Context {
        credentials: has(Key::Credentials),
        allow_insecure: has(Key::DangerouslyAllowInsecureOrigins),
    };

    let mut origins = None;
    let mut methods = None;
    let mut headers = Names::None;
    let mut expose = Names::None;
    let mut max_age = None;
    let mut krate = None;
    let mut shared = None;
    for &(key, ident, value) in &keys {
        match (key.kind(), value) {
            (Kind::Flag, _) => {
                scalars::check_flag(ident, value, &mut errors);
                continue;
            }
            (_, Value::Flag) => {
                errors.at(
                    ident,
                    format!("`{}` needs a value, e.g. {}", key.name(), key.example()),
                );
                continue;
            }
            (Kind::List | Kind::Number | Kind::Path, _) => {}
        }
        match key {
            Key::Origins if mode == Mode::Handler && has(Key::Policy) => errors.at(
                ident,
                "`origins` come from the shared policy given with `policy = ...`: list them there, or define another shared policy for these origins",
            ),
            Key::Origins => origins = Some(origins::check(ident, value, context, &mut errors)),
            Key::Methods if mode == Mode::Shared => errors.at(
                ident,
                "a shared policy has no `methods`: each handler gives its own, e.g. `#[cors(policy = SpaPolicy, methods = [GET])]`",
            ),
            Key::Methods => methods = Some(methods::check(ident, value, &mut errors)),
            Key::Policy if mode == Mode::Shared => errors.at(
                ident,
                "a shared policy cannot use another one: write its keys here",
            ),
            Key::Policy => shared = scalars::check_path(key, ident, value, &mut errors),
            Key::Headers => {
                headers = names::check(key, ident, value, header::check_request_header, &mut errors)
            }
            Key::Expose => {
                expose = names::check(key, ident, value, header::check_exposed_header, &mut errors)
            }
            Key::MaxAge => max_age = scalars::check_max_age(ident, value, &mut errors),
            Key::Crate => krate = scalars::check_path(key, ident, value, &mut errors),
            Key::Credentials
            | Key::PrivateNetwork
            | Key::Strict
            | Key::DangerouslyAllowInsecureOrigins => {
                scalars::check_flag(ident, value, &mut errors)
            }
        }
    }

    // A syntax error may have swallowed the key, so only report it missing without one.
    if args.errors.is_empty() {
        // A handler with a shared policy takes its origins from it.
        let from_shared = mode == Mode::Handler && has(Key::Policy);
        let missing_origins =
            !has(Key::Origins) && !suggested.contains(&Key::Origins) && !from_shared;
        let missing_methods =
            mode == Mode::Handler && !has(Key::Methods) && !suggested.contains(&Key::Methods);
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
    if has(Key::Credentials) {
        check_credentials(&keys, &mut errors);
    }
    let strict = keys.iter().find(|(key, ..)| *key == Key::Strict);
    if let (Some((_, strict, _)), Some(Some(Origins::Any))) = (strict, &origins) {
        errors.at(
            strict,
            "`strict` has no effect with `origins = \"*\"`: every origin is allowed, so nothing would be refused; list the origins, or remove `strict`",
        );
    }

    let krate = krate.unwrap_or_else(model::default_krate);
    let errors = errors.into_error();
    let policy = if errors.is_some() {
        Policy::stub(krate)
    } else {
        let origins = origins.flatten();
        Policy {
            insecure_origins: origins.as_ref().is_some_and(lists_insecure),
            origins,
            methods: methods.flatten().unwrap_or(MethodSet::EMPTY),
            headers,
            expose,
            credentials: has(Key::Credentials),
            max_age,
            private_network: has(Key::PrivateNetwork),
            strict: has(Key::Strict),
            allow_insecure_origins: has(Key::DangerouslyAllowInsecureOrigins),
            shared,
            spans: keys
                .iter()
                .map(|&(key, ident, value)| (key, value.tokens(ident)))
                .collect(),
            krate,
        }
    };
    Validated { policy, errors }
}

/// A literal origin is plain `http://` off loopback: a handler that adds `credentials` to
/// a shared policy listing it must not compile (the rule is `cors-rules`').
fn lists_insecure(origins: &Origins) -> bool {
    let Origins::List(list) = origins else {
        return false;
    };
    list.iter().any(|origin| match origin {
        model::Origin::Exact { scheme, host, port } => entry::is_insecure(&entry::Entry::Exact(
            cors_rules::origin::Origin::from_parts(*scheme, host, *port),
        )),
        model::Origin::Subdomains {
            scheme,
            domain,
            port,
        } => entry::is_insecure(&entry::Entry::Pattern(
            cors_rules::pattern::OriginPattern::Subdomains {
                scheme: *scheme,
                domain,
                port: *port,
            },
        )),
        model::Origin::AnyPort { .. } | model::Origin::Env { .. } | model::Origin::FromFn(_) => {
            false
        }
    })
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
fn string_item<'a>(item: &'a Item, key: Key, errors: &mut Errors) -> Option<&'a LitStr> {
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

/// Fetch, "CORS check" and "CORS-preflight fetch": with credentials, `*` is taken
/// literally, so a wildcard never works together with `credentials`.
fn check_credentials(keys: &[(Key, &Ident, &Value)], errors: &mut Errors) {
    for &(key, _, value) in keys {
        // `key = "*"`, or the `"*"` of `headers = ["*", "authorization"]`.
        let (wildcard, written) = match value {
            Value::Str(s) => (s, format!("`{} = \"*\"`", key.name())),
            Value::List { items, .. } if key == Key::Headers => {
                match items.iter().find_map(|item| match item {
                    Item::Str(s) if s.value() == "*" => Some(s),
                    _ => None,
                }) {
                    Some(s) => (s, format!("`\"*\"` in `{}`", key.name())),
                    None => continue,
                }
            }
            _ => continue,
        };
        if wildcard.value() != "*" {
            continue;
        }
        let message = match key {
            Key::Origins => "`origins = \"*\"` cannot be combined with `credentials`: browsers refuse a wildcard origin on credentialed requests; list the allowed origins, e.g. `origins = [\"https://app.example.com\"]`, or remove `credentials`".to_owned(),
            Key::Headers | Key::Expose => format!(
                "{written} cannot be combined with `credentials`: on credentialed requests browsers read `*` as a header literally named `*`; list the header names, e.g. {}",
                key.example()
            ),
            Key::Methods
            | Key::Credentials
            | Key::MaxAge
            | Key::PrivateNetwork
            | Key::Strict
            | Key::DangerouslyAllowInsecureOrigins
            | Key::Policy
            | Key::Crate => continue,
        };
        errors.at(wildcard, message);
    }
}
