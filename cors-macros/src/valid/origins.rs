//! `origins = [...]`: literals checked by `cors-rules` into an [`Entry`] each, `env("NAME")`
//! and `from_fn(path)` sources.

use proc_macro2::TokenStream;
use syn::{Ident, LitStr};

use cors_rules::entry::{self, Entry};

use super::errors::Errors;
use super::{as_list, string_item};
use crate::ast::{Call, EnvArgs, EnvOption, Item, Str, Value};
use crate::key::Key;
use crate::model::{Origin, Origins, Unset};

pub fn check<'a>(
    key: &Ident,
    value: &'a Value,
    context: entry::Context,
    errors: &mut Errors,
) -> Option<Origins<'a>> {
    match value {
        Value::Str(s) if s.value == "*" => Some(Origins::Any),
        Value::Str(s) => {
            errors.at(
                s,
                format!(
                    "`origins` takes a list, even for one origin: write `origins = [{}]`",
                    as_list(&s.value, true)
                ),
            );
            None
        }
        Value::List { items, .. } if items.is_empty() => {
            errors.at(
                value.tokens(key),
                "`origins` is empty: list at least one origin, e.g. `origins = [\"https://app.example.com\"]`, or write `origins = \"*\"` for any origin",
            );
            None
        }
        Value::Call(call) => origin_source(call, context, errors).map(|o| Origins::List(vec![o])),
        Value::List { items, .. } => {
            let mut list: Vec<Origin> = Vec::new();
            let mut seen: Vec<String> = Vec::new();
            for item in items {
                if let Item::Call(call) = item {
                    let source = origin_source(call, context, errors);
                    let written = call.tokens.to_string();
                    match source {
                        Some(_) if seen.contains(&written) => errors.at(
                            &call.tokens,
                            format!("`{written}` is listed twice; keep one"),
                        ),
                        Some(source) => {
                            seen.push(written);
                            list.push(source);
                        }
                        None => {}
                    }
                    continue;
                }
                let Some(lit) = string_item(item, Key::Origins, errors) else {
                    continue;
                };
                let written = &lit.value;
                match entry::check(written, context) {
                    Err(e) => errors.at(lit, e),
                    Ok(_) if seen.contains(written) => {
                        errors.at(lit, format!("`{written}` is listed twice; keep one"))
                    }
                    Ok(checked) => {
                        list.push(Origin::Literal(checked));
                        seen.push(written.clone());
                    }
                }
            }
            Some(Origins::List(list))
        }
        other => {
            errors.at(
                other.tokens(key),
                "`origins` takes a list of origins, e.g. `origins = [\"https://app.example.com\"]`, or `origins = \"*\"` for any origin",
            );
            None
        }
    }
}

/// A literal origin is plain `http://` off loopback (the rule is `cors-rules`'): a
/// handler that adds `credentials` to a shared policy listing one must not compile.
pub fn lists_insecure(origins: &Origins) -> bool {
    let Origins::List(list) = origins else {
        return false;
    };
    list.iter()
        .any(|origin| matches!(origin, Origin::Literal(entry) if entry::is_insecure(entry)))
}

/// `env("NAME")` or `from_fn(path::to::function)` in `origins`.
fn origin_source<'a>(
    call: &'a Call,
    context: entry::Context,
    errors: &mut Errors,
) -> Option<Origin<'a>> {
    match call.name.to_string().as_str() {
        "env" => match &call.env {
            Some(EnvArgs { name, option }) if is_env_name(&name.value) => {
                let unset = match option {
                    None => Unset::Required,
                    Some(EnvOption::Optional) => Unset::Optional,
                    Some(EnvOption::Default(list)) => {
                        Unset::Default(default_list(list, context, errors)?)
                    }
                    Some(EnvOption::Unknown(tokens)) => {
                        errors.at(
                            tokens,
                            format!(
                                "after the variable's name, `env` takes `optional` (no origin when it is not set) or `default = \"...\"` (these origins when it is not set), e.g. `env(\"{}\", default = \"http://localhost:5173\")`",
                                name.value
                            ),
                        );
                        return None;
                    }
                };
                Some(Origin::Env {
                    name: name.value.clone(),
                    unset,
                })
            }
            Some(EnvArgs { name, .. }) => {
                errors.at(
                    name,
                    format!(
                        "`{}` is not an environment variable name: use letters, digits and `_`, not starting with a digit, e.g. `env(\"APP_CORS_ORIGINS\")`",
                        name.value
                    ),
                );
                None
            }
            // `env(APP_CORS_ORIGINS)`: the name without its quotes.
            None if syn::parse2::<Ident>(call.args.clone()).is_ok() => {
                errors.at(
                    &call.args,
                    format!(
                        "`env` takes the variable's name as a string: write `env(\"{}\")`",
                        call.args
                    ),
                );
                None
            }
            None if call.args.is_empty() => {
                errors.at(
                    &call.tokens,
                    "`env()` needs the name of the environment variable that lists the origins, e.g. `env(\"APP_CORS_ORIGINS\")`",
                );
                None
            }
            None => {
                errors.at(
                    &call.args,
                    "`env` takes one variable name, as a string: `env(\"APP_CORS_ORIGINS\")`",
                );
                None
            }
        },
        "from_fn" => match syn::parse2::<syn::Path>(call.args.clone()) {
            Ok(path) => Some(Origin::FromFn(path)),
            // `from_fn("config::origins")`: the path in quotes.
            Err(_) if quoted_path(&call.args).is_some() => {
                let lit = quoted_path(&call.args)?;
                errors.at(
                    &lit,
                    format!(
                        "`from_fn` takes the function itself, not a string: write `from_fn({})`",
                        lit.value()
                    ),
                );
                None
            }
            Err(_) if call.args.is_empty() => {
                errors.at(
                    &call.tokens,
                    "`from_fn()` needs the path of a function returning the origins, e.g. `from_fn(config::allowed_origins)`",
                );
                None
            }
            Err(_) => {
                errors.at(
                    &call.args,
                    "`from_fn` takes the path of a function returning the origins, e.g. `from_fn(config::allowed_origins)`",
                );
                None
            }
        },
        "live" => match syn::parse2::<syn::Path>(call.args.clone()) {
            Ok(path) => Some(Origin::Live(path)),
            // `live("TENANT_ORIGINS")`: the name in quotes.
            Err(_) if quoted_path(&call.args).is_some() => {
                let lit = quoted_path(&call.args)?;
                errors.at(
                    &lit,
                    format!(
                        "`live` takes the `static` itself, not a string: write `live({})`",
                        lit.value()
                    ),
                );
                None
            }
            Err(_) => {
                errors.at(
                    if call.args.is_empty() { &call.tokens } else { &call.args },
                    "`live` takes the path of a `static` `LiveOrigins`, e.g. `live(TENANT_ORIGINS)` with `static TENANT_ORIGINS: LiveOrigins = LiveOrigins::new();`",
                );
                None
            }
        },
        other => {
            errors.at(
                &call.name,
                format!(
                    "unknown `{other}(...)` in `origins`: origins come from string literals, `env(\"NAME\")`, `from_fn(path::to::function)` or `live(STATIC)`"
                ),
            );
            None
        }
    }
}

/// `default = "a, b"`: each entry checked now, by the rules of a literal origin, so the
/// origins used when the variable is not set are as sure as written ones.
fn default_list<'a>(
    list: &'a Str,
    context: entry::Context,
    errors: &mut Errors,
) -> Option<Vec<Entry<'a>>> {
    let mut origins = Vec::new();
    let mut ok = true;
    for (i, value) in entry::split_list(&list.value).enumerate() {
        let problem = match entry::check(value, context) {
            _ if value.is_empty() => {
                format!("entry {} of the default is empty (a stray comma?)", i + 1)
            }
            Ok(checked) => {
                origins.push(checked);
                continue;
            }
            Err(e) => format!("in the default: {e}"),
        };
        errors.at(list, problem);
        ok = false;
    }
    ok.then_some(origins)
}

/// `"config::origins"`: a string literal holding a path.
fn quoted_path(tokens: &TokenStream) -> Option<LitStr> {
    syn::parse2::<LitStr>(tokens.clone())
        .ok()
        .filter(|lit| lit.parse::<syn::Path>().is_ok())
}

/// POSIX portable environment variable names.
fn is_env_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}
