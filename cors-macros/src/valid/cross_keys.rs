//! The rules that span several keys. Those within one attribute are errors now. Those
//! between a handler's keys and the shared policy it names (`policy = ...`) are decided
//! and worded here too, as [`CrossKeyCheck`]s: the handler's macro cannot see the shared
//! policy's keys, so the expansion prints each as a `const` panic that rustc evaluates
//! against them.

use proc_macro2::Span;
use quote::quote;

use super::Keys;
use super::errors::Errors;
use crate::ast::{Item, Value};
use crate::key::Key;
use crate::model::{CrossKeyCheck, Names, Origins, Policy, SharedQuestion};

/// The rules within the attribute.
pub(super) fn check(keys: &Keys, policy: &Policy, errors: &mut Errors) {
    if keys.has(Key::Credentials) {
        wildcards_with_credentials(keys, errors);
    }
    if let (Some((strict, _)), Some(Origins::Any)) = (keys.get(Key::Strict), &policy.origins) {
        errors.at(
            strict,
            "`strict` has no effect with `origins = \"*\"`: every origin is allowed, so nothing would be refused; list the origins, or remove `strict`",
        );
    }
}

/// Fetch, "CORS check" and "CORS-preflight fetch": with credentials, `*` is taken
/// literally, so a wildcard never works together with `credentials`.
fn wildcards_with_credentials(keys: &Keys, errors: &mut Errors) {
    for &(key, _, value) in &keys.found {
        // `key = "*"`, or the `"*"` of `headers = ["*", "authorization"]`.
        let (wildcard, written) = match value {
            Value::Str(s) => (s, format!("`{} = \"*\"`", key.name())),
            Value::List { items, .. } if key == Key::Headers => {
                match items.iter().find_map(|item| match item {
                    Item::Str(s) if s.value == "*" => Some(s),
                    _ => None,
                }) {
                    Some(s) => (s, format!("`\"*\"` in `{}`", key.name())),
                    None => continue,
                }
            }
            _ => continue,
        };
        if wildcard.value != "*" {
            continue;
        }
        let message = match key {
            Key::Origins => "`origins = \"*\"` cannot be combined with `credentials`: browsers refuse a wildcard origin on credentialed requests; list the allowed origins, e.g. `origins = [\"https://app.example.com\"]`, or remove `credentials`".to_owned(),
            Key::Headers | Key::Expose => format!(
                "{written} cannot be combined with `credentials`: on credentialed requests browsers read `*` as a header literally named `*`; list the header names, e.g. {}",
                key.example()
            ),
            _ => continue,
        };
        errors.at(wildcard, message);
    }
}

/// The rules between the handler and its shared policy, each on the handler's key and
/// naming the shared policy; none without `policy = ...`.
pub(super) fn shared_checks(keys: &Keys, policy: &Policy) -> Vec<CrossKeyCheck> {
    let Some(path) = &policy.shared else {
        return Vec::new();
    };
    let shared_name = quote!(#path).to_string().replace(' ', "");
    let in_shared = |what: &str| format!("{what} in the shared policy `{shared_name}`");
    let mut checks = Vec::new();
    let mut check = |key: Key, question: SharedQuestion, message: String| {
        // The first token of the key's value as written (the key itself, for a flag).
        let span = keys
            .get(key)
            .and_then(|(ident, value)| value.tokens(ident).into_iter().next())
            .map_or_else(Span::call_site, |token| token.span());
        checks.push(CrossKeyCheck {
            span,
            question,
            message,
        });
    };
    if policy.credentials {
        check(
            Key::Credentials,
            SharedQuestion::AllowsAnyOrigin,
            format!(
                "`credentials` here cannot go with {}: browsers refuse a wildcard origin on credentialed requests; list the origins there, or remove `credentials`",
                in_shared("`origins = \"*\"`")
            ),
        );
        for (exposed, key) in [(false, "headers"), (true, "expose")] {
            check(
                Key::Credentials,
                SharedQuestion::HasWildcard { exposed },
                format!(
                    "`credentials` here cannot go with {}: on credentialed requests browsers read `*` as a header literally named `*`; list the header names there",
                    in_shared(&format!("`{key}` with `*`"))
                ),
            );
        }
        if !policy.allow_insecure_origins {
            check(
                Key::Credentials,
                SharedQuestion::HasInsecureOrigins,
                format!(
                    "`credentials` here cannot go with the plain `http://` origins {}: cookies would cross the network unencrypted; use `https://` there, or add `dangerously_allow_insecure_origins` here",
                    in_shared("listed")
                ),
            );
        }
    }
    for (names, exposed, key) in [
        (&policy.headers, false, Key::Headers),
        (&policy.expose, true, Key::Expose),
    ] {
        let key_name = key.name();
        match names {
            Names::None => {}
            Names::Any | Names::AnyAndAuthorization => {
                check(
                    key,
                    SharedQuestion::HasCredentials,
                    format!(
                        "`{key_name}` with `*` here cannot go with {}: on credentialed requests browsers read `*` as a header literally named `*`; list the header names",
                        in_shared("`credentials`")
                    ),
                );
                check(
                    key,
                    SharedQuestion::HasNames { exposed },
                    format!(
                        "`{key_name}` is given here and {}: with `*` on one side, write it in one place",
                        in_shared(&format!("`{key_name}`"))
                    ),
                );
            }
            Names::List(list) => {
                check(
                    key,
                    SharedQuestion::HasWildcard { exposed },
                    format!(
                        "{} already covers these names; remove `{key_name}` here",
                        in_shared(&format!("`{key_name}` with `*`"))
                    ),
                );
                for name in list {
                    check(
                        key,
                        SharedQuestion::Lists {
                            exposed,
                            name: name.clone(),
                        },
                        format!(
                            "`{name}` is listed here and {}; keep one",
                            in_shared(&format!("in `{key_name}`"))
                        ),
                    );
                }
            }
        }
    }
    if policy.strict {
        check(
            Key::Strict,
            SharedQuestion::AllowsAnyOrigin,
            format!(
                "`strict` here has no effect with {}: every origin is allowed, so nothing would be refused",
                in_shared("`origins = \"*\"`")
            ),
        );
    }
    checks
}
