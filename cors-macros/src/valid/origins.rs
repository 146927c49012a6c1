//! `origins = [...]`: literals checked by `cors-rules` into their parts, `env("NAME")`
//! and `from_fn(path)` sources.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

use cors_rules::entry::{self, Entry};
use cors_rules::pattern::OriginPattern;

use super::errors::Errors;
use super::{as_list, string_item};
use crate::ast::{Call, Item, Value};
use crate::key::Key;
use crate::model::{Origin, Origins, Unset};

pub fn check(
    key: &Ident,
    value: &Value,
    context: entry::Context,
    errors: &mut Errors,
) -> Option<Origins> {
    match value {
        Value::Str(s) if s.value() == "*" => Some(Origins::Any),
        Value::Str(s) => {
            errors.at(
                s,
                format!(
                    "`origins` takes a list, even for one origin: write `origins = [{}]`",
                    as_list(&s.value(), true)
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
                let written = lit.value();
                match entry::check(&written, context) {
                    Err(e) => errors.at(lit, e),
                    Ok(_) if seen.contains(&written) => {
                        errors.at(lit, format!("`{written}` is listed twice; keep one"))
                    }
                    Ok(checked) => {
                        list.push(parts(checked));
                        seen.push(written);
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

/// A checked literal as the parts the expansion prints.
fn parts(checked: Entry<'_>) -> Origin {
    match checked {
        Entry::Exact(origin) => Origin::Exact {
            scheme: origin.scheme(),
            host: origin.host().to_owned(),
            port: origin.port(),
        },
        Entry::Pattern(OriginPattern::Subdomains {
            scheme,
            domain,
            port,
        }) => Origin::Subdomains {
            scheme,
            domain: domain.to_owned(),
            port,
        },
        Entry::Pattern(OriginPattern::AnyPort { scheme, host }) => Origin::AnyPort {
            scheme,
            host: host.to_owned(),
        },
    }
}

/// `env("NAME")` or `from_fn(path::to::function)` in `origins`.
fn origin_source(call: &Call, context: entry::Context, errors: &mut Errors) -> Option<Origin> {
    match call.name.to_string().as_str() {
        "env" => match syn::parse2::<EnvArgs>(call.args.clone()) {
            Ok(EnvArgs { name, option }) if is_env_name(&name.value()) => {
                let unset = match option {
                    None => Unset::Required,
                    Some(EnvOption::Optional) => Unset::Optional,
                    Some(EnvOption::Default(list)) => {
                        Unset::Default(default_list(&list, context, errors)?)
                    }
                    Some(EnvOption::Unknown(tokens)) => {
                        errors.at(
                            &tokens,
                            format!(
                                "after the variable's name, `env` takes `optional` (no origin when it is not set) or `default = \"...\"` (these origins when it is not set), e.g. `env(\"{}\", default = \"http://localhost:5173\")`",
                                name.value()
                            ),
                        );
                        return None;
                    }
                };
                Some(Origin::Env {
                    name: name.value(),
                    unset,
                })
            }
            Ok(EnvArgs { name, .. }) => {
                errors.at(
                    &name,
                    format!(
                        "`{}` is not an environment variable name: use letters, digits and `_`, not starting with a digit, e.g. `env(\"APP_CORS_ORIGINS\")`",
                        name.value()
                    ),
                );
                None
            }
            // `env(APP_CORS_ORIGINS)`: the name without its quotes.
            Err(_) if syn::parse2::<Ident>(call.args.clone()).is_ok() => {
                errors.at(
                    &call.args,
                    format!(
                        "`env` takes the variable's name as a string: write `env(\"{}\")`",
                        call.args
                    ),
                );
                None
            }
            Err(_) if call.args.is_empty() => {
                errors.at(
                    &call.tokens,
                    "`env()` needs the name of the environment variable that lists the origins, e.g. `env(\"APP_CORS_ORIGINS\")`",
                );
                None
            }
            Err(_) => {
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
        other => {
            errors.at(
                &call.name,
                format!(
                    "unknown `{other}(...)` in `origins`: origins come from string literals, `env(\"NAME\")` or `from_fn(path::to::function)`"
                ),
            );
            None
        }
    }
}

/// The arguments of `env(...)`: `"NAME"`, `"NAME", optional` or `"NAME", default = "..."`.
struct EnvArgs {
    name: LitStr,
    option: Option<EnvOption>,
}

enum EnvOption {
    Optional,
    Default(LitStr),
    /// Anything else after the name, kept whole for the error.
    Unknown(TokenStream),
}

impl Parse for EnvArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name: LitStr = input.parse()?;
        if input.is_empty() || (input.peek(Token![,]) && input.peek2(syn::parse::End)) {
            input.parse::<Option<Token![,]>>()?;
            return Ok(EnvArgs { name, option: None });
        }
        input.parse::<Token![,]>()?;
        let rest: TokenStream = input.fork().parse()?;
        let option = if input.peek(kw::optional) && input.peek2(syn::parse::End) {
            input.parse::<kw::optional>()?;
            EnvOption::Optional
        } else if input.peek(kw::default) && input.peek2(Token![=]) {
            input.parse::<kw::default>()?;
            input.parse::<Token![=]>()?;
            match input.parse::<LitStr>() {
                Ok(list) if input.is_empty() => EnvOption::Default(list),
                _ => EnvOption::Unknown(rest),
            }
        } else {
            EnvOption::Unknown(rest)
        };
        // Whatever is left belongs to the error already recorded in `Unknown`.
        input.parse::<TokenStream>()?;
        Ok(EnvArgs {
            name,
            option: Some(option),
        })
    }
}

mod kw {
    syn::custom_keyword!(optional);
    syn::custom_keyword!(default);
}

/// `default = "a, b"`: each entry checked now, by the rules of a literal origin, so the
/// origins used when the variable is not set are as sure as written ones.
fn default_list(
    list: &LitStr,
    context: entry::Context,
    errors: &mut Errors,
) -> Option<Vec<Origin>> {
    let text = list.value();
    let mut origins = Vec::new();
    let mut ok = true;
    for (i, value) in entry::split_list(&text).enumerate() {
        let problem = match entry::check(value, context) {
            _ if value.is_empty() => {
                format!("entry {} of the default is empty (a stray comma?)", i + 1)
            }
            Ok(checked) => {
                origins.push(parts(checked));
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
