//! Validation: every CORS rule of the attribute, checked after parsing and before
//! expanding. All errors of one attribute are collected and reported together, each on
//! the token it is about. What a valid origin, method, header name or `max_age` is lives
//! in `cors-rules`; this module applies those rules and the cross-key ones.

use std::fmt::Display;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::{Ident, LitStr};

use cors_rules::method::{CorsMethod, MethodError};
use cors_rules::{entry, header, max_age, method};

use crate::ast::{Args, Call, Entry, Item, Value};

/// The keys `#[cors(...)]` accepts, in the order the README documents them.
pub const KEYS: &[&str] = &[
    "origins",
    "methods",
    "headers",
    "expose",
    "credentials",
    "max_age",
    "private_network",
    "strict",
    "dangerously_allow_insecure_origins",
];

/// Names people bring from other CORS libraries (tower-http, actix-cors, Express), each
/// with the key meant.
const ALIASES: &[(&str, &str)] = &[
    ("allow_origin", "origins"),
    ("allow_origins", "origins"),
    ("allowed_origins", "origins"),
    ("allow_methods", "methods"),
    ("allowed_methods", "methods"),
    ("allow_headers", "headers"),
    ("allowed_headers", "headers"),
    ("expose_headers", "expose"),
    ("exposed_headers", "expose"),
    ("allow_credentials", "credentials"),
    ("supports_credentials", "credentials"),
    ("allow_private_network", "private_network"),
    (
        "allow_insecure_origins",
        "dangerously_allow_insecure_origins",
    ),
];

/// A policy that passed every check.
pub struct Policy {
    pub origins: Origins,
    pub methods: Vec<CorsMethod>,
    pub headers: Names,
    pub expose: Names,
    pub credentials: bool,
    pub max_age: Option<u64>,
    pub private_network: bool,
    pub strict: bool,
    pub allow_insecure_origins: bool,
}

pub enum Origins {
    Any,
    List(Vec<Origin>),
}

/// One checked entry of `origins = [...]`, as written.
pub enum Origin {
    Exact(String),
    Pattern(String),
    /// `env("NAME")`: read and checked when the router is built.
    Env(String),
    /// `from_fn(path)`: called and checked when the router is built.
    FromFn(syn::Path),
}

/// `headers` or `expose`.
pub enum Names {
    None,
    Any,
    List(Vec<String>),
}

/// Collects every error of one attribute, so one build shows them all.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    /// An error pointing at `tokens` (one token, or the whole range of several).
    pub fn at(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.add(syn::Error::new_spanned(tokens, message));
    }

    pub fn push(&mut self, span: Span, message: impl Display) {
        self.add(syn::Error::new(span, message));
    }

    pub fn add(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub fn into_result<T>(self, value: T) -> syn::Result<T> {
        match self.0 {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

/// Checks the attribute. Errors about a missing key point at the attribute's arguments
/// (`attr`), or at `attr_span` (the whole attribute) when there are none.
pub fn validate(args: &Args, attr: &TokenStream, attr_span: Span) -> syn::Result<Policy> {
    let mut errors = Errors::default();
    for error in &args.errors {
        errors.add(error.clone());
    }

    // The first occurrence of each known key; unknown and repeated keys are reported on
    // the key itself.
    let mut keys: Vec<(&Ident, &Value)> = Vec::new();
    // Keys suggested for a misspelt one: not reported missing as well.
    let mut suggested: Vec<&str> = Vec::new();
    for Entry { key, value } in &args.entries {
        let name = key.to_string();
        if !KEYS.contains(&name.as_str()) {
            let suggestion = suggest_key(&name);
            suggested.extend(suggestion);
            errors.at(key, unknown_key(&name, suggestion));
        } else if keys.iter().any(|(seen, _)| *seen == key) {
            errors.at(key, format!("`{name}` is given twice; keep one"));
        } else {
            keys.push((key, value));
        }
    }
    let get = |name: &str| keys.iter().find(|(key, _)| *key == name).copied();

    // Flags first: how an origin is checked depends on them.
    let credentials = get("credentials");
    let allow_insecure = get("dangerously_allow_insecure_origins");
    let context = entry::Context {
        credentials: credentials.is_some(),
        allow_insecure: allow_insecure.is_some(),
    };

    let mut origins = None;
    let mut methods = None;
    let mut headers = Names::None;
    let mut expose = Names::None;
    let mut max_age = None;
    for &(key, value) in &keys {
        match key.to_string().as_str() {
            "origins" => origins = Some(check_origins(key, value, context, &mut errors)),
            "methods" => methods = Some(check_methods(key, value, &mut errors)),
            "headers" => {
                headers = check_names(key, value, header::check_request_header, &mut errors)
            }
            "expose" => expose = check_names(key, value, header::check_exposed_header, &mut errors),
            "max_age" => max_age = check_max_age(key, value, &mut errors),
            _ => check_flag(key, value, &mut errors),
        }
    }

    // A syntax error may have swallowed the key, so only report it missing without one.
    if args.errors.is_empty() {
        let missing_origins = origins.is_none() && !suggested.contains(&"origins");
        let missing_methods = methods.is_none() && !suggested.contains(&"methods");
        let message = match (missing_origins, missing_methods) {
            (true, true) => Some(
                "`#[cors]` needs `origins` and `methods`: say which origins may call this handler and which methods it is routed on, e.g. `#[cors(origins = [\"https://app.example.com\"], methods = [GET])]`",
            ),
            (true, false) => Some(
                "missing `origins`: say which origins may call this handler, e.g. `origins = [\"https://app.example.com\"]`, or `origins = \"*\"` for any origin",
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
    if credentials.is_some() {
        check_credentials(&keys, &mut errors);
    }
    if let (Some((strict, _)), Some(Origins::Any)) =
        (get("strict"), &origins.as_ref().and_then(Option::as_ref))
    {
        errors.at(
            strict,
            "`strict` has no effect with `origins = \"*\"`: every origin is allowed, so nothing would be refused; list the origins, or remove `strict`",
        );
    }

    errors.into_result(Policy {
        origins: origins.flatten().unwrap_or(Origins::List(Vec::new())),
        methods: methods.flatten().unwrap_or_default(),
        headers,
        expose,
        credentials: credentials.is_some(),
        max_age,
        private_network: get("private_network").is_some(),
        strict: get("strict").is_some(),
        allow_insecure_origins: allow_insecure.is_some(),
    })
}

/// The key meant by an unknown one: a name from another library, a near miss, or a
/// part of a long key.
fn suggest_key(name: &str) -> Option<&'static str> {
    let alias = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map(|(_, key)| *key);
    let close = || {
        KEYS.iter()
            .map(|key| (strsim::damerau_levenshtein(key, name), *key))
            .filter(|(distance, key)| *distance <= 3.max(key.len() / 4))
            .min()
            .map(|(_, key)| key)
    };
    let within = || {
        KEYS.iter()
            .copied()
            .find(|key| name.len() >= 5 && key.contains(name))
    };
    alias.or_else(close).or_else(within)
}

fn unknown_key(name: &str, suggestion: Option<&str>) -> String {
    let valid = KEYS
        .iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match suggestion {
        Some(key) => format!("unknown key `{name}`: did you mean `{key}`? The keys are {valid}"),
        None => format!("unknown key `{name}`; the keys are {valid}"),
    }
}

/// The shape each key takes, for "takes ..." and "needs a value" messages.
fn example(key: &str) -> &'static str {
    match key {
        "origins" => "`origins = [\"https://app.example.com\"]`",
        "methods" => "`methods = [GET, POST]`",
        "headers" => "`headers = [\"content-type\"]`",
        "expose" => "`expose = [\"x-request-id\"]`",
        _ => "`max_age = 600`",
    }
}

/// `credentials`, `private_network`, `dangerously_allow_insecure_origins`.
fn check_flag(key: &Ident, value: &Value, errors: &mut Errors) {
    if matches!(value, Value::Flag) {
        return;
    }
    let tokens = value.tokens(key);
    let message = match tokens.to_string().as_str() {
        "true" => format!("`{key}` is a flag: write just `{key}`, without `= true`"),
        "false" => format!("`{key}` is a flag: to leave it off, remove `{key} = false`"),
        _ => format!("`{key}` is a flag: write just `{key}`, without a value"),
    };
    errors.at(tokens, message);
}

/// `"a, b"` as the list `["a", "b"]`, for the "takes a list" suggestions.
fn as_list(value: &str, quote: bool) -> String {
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

fn check_origins(
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
        Value::Call(call) => origin_source(call, errors).map(|o| Origins::List(vec![o])),
        Value::List { items, .. } => {
            let mut list: Vec<Origin> = Vec::new();
            let mut seen: Vec<String> = Vec::new();
            for item in items {
                if let Item::Call(call) = item {
                    let source = origin_source(call, errors);
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
                let Some(lit) = string_item(item, "origins", errors) else {
                    continue;
                };
                let written = lit.value();
                match entry::check(&written, context) {
                    Err(e) => errors.at(lit, e),
                    Ok(_) if seen.contains(&written) => {
                        errors.at(lit, format!("`{written}` is listed twice; keep one"))
                    }
                    Ok(checked) => {
                        seen.push(written.clone());
                        list.push(match checked {
                            entry::Entry::Exact(_) => Origin::Exact(written),
                            entry::Entry::Pattern(_) => Origin::Pattern(written),
                        });
                    }
                }
            }
            Some(Origins::List(list))
        }
        Value::Flag => {
            errors.at(
                key,
                format!("`origins` needs a value, e.g. {}", example("origins")),
            );
            None
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

/// `env("NAME")` or `from_fn(path::to::function)` in `origins`.
fn origin_source(call: &Call, errors: &mut Errors) -> Option<Origin> {
    match call.name.to_string().as_str() {
        "env" => match syn::parse2::<LitStr>(call.args.clone()) {
            Ok(name) if is_env_name(&name.value()) => Some(Origin::Env(name.value())),
            Ok(name) => {
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

/// `Ok` or `LowerCase`: the name is meant as this method.
fn meant_method(name: &str) -> Option<CorsMethod> {
    match method::check(name) {
        Ok(m) | Err(MethodError::LowerCase(m)) => Some(m),
        Err(_) => None,
    }
}

const NOT_A_WILDCARD: &str = "`methods` cannot be `\"*\"`: the methods are the ones the handler is routed on, so they must be named; list them, e.g. `methods = [GET, POST]`";

fn check_methods(key: &Ident, value: &Value, errors: &mut Errors) -> Option<Vec<CorsMethod>> {
    let items = match value {
        Value::List { items, .. } => items,
        Value::Str(s) if s.value() == "*" => {
            errors.at(s, NOT_A_WILDCARD);
            return None;
        }
        Value::Str(s) => {
            let written = as_list(&s.value(), false);
            let names: Vec<&str> = written
                .split(", ")
                .map(|name| meant_method(name).map_or(name, |m| m.as_str()))
                .collect();
            errors.at(
                s,
                format!(
                    "`methods` takes a list of method names without quotes: write `methods = [{}]`",
                    names.join(", ")
                ),
            );
            return None;
        }
        Value::Other(tokens) if meant_method(&tokens.to_string()).is_some() => {
            let name = meant_method(&tokens.to_string()).map_or("GET", CorsMethod::as_str);
            errors.at(
                tokens,
                format!("`methods` takes a list, even for one method: write `methods = [{name}]`"),
            );
            return None;
        }
        Value::Flag => {
            errors.at(
                key,
                format!("`methods` needs a value, e.g. {}", example("methods")),
            );
            return None;
        }
        other => {
            errors.at(
                other.tokens(key),
                "`methods` takes a list of methods, e.g. `methods = [GET, POST]`",
            );
            return None;
        }
    };
    if items.is_empty() {
        errors.at(
            value.tokens(key),
            "`methods` is empty: list the methods this handler is routed on, e.g. `methods = [GET]`",
        );
        return None;
    }
    let mut methods = Vec::new();
    for item in items {
        let (name, tokens) = match item {
            Item::Ident(ident) => (ident.to_string(), ident.to_token_stream()),
            Item::Str(s) if s.value() == "*" => {
                errors.at(s, NOT_A_WILDCARD);
                continue;
            }
            Item::Str(s) => {
                let name = s.value();
                let message = match meant_method(&name) {
                    Some(m) => format!("write methods without quotes: `{}`", m.as_str()),
                    None => format!(
                        "write methods without quotes, as one of `GET`, `HEAD`, `POST`, `PUT`, `DELETE`, `PATCH`; `{name}` is not one of them"
                    ),
                };
                errors.at(s, message);
                continue;
            }
            Item::Other(tokens) | Item::Call(Call { tokens, .. }) => {
                errors.at(
                    tokens,
                    "write each method as a bare name: `GET`, `HEAD`, `POST`, `PUT`, `DELETE` or `PATCH`",
                );
                continue;
            }
        };
        match method::check(&name) {
            Ok(m) if methods.contains(&m) => {
                errors.at(tokens, format!("`{name}` is listed twice; keep one"))
            }
            Ok(m) => methods.push(m),
            Err(e) => errors.at(tokens, e),
        }
    }
    Some(methods)
}

fn check_names(
    key: &Ident,
    value: &Value,
    check: fn(&str) -> Result<String, header::HeaderError>,
    errors: &mut Errors,
) -> Names {
    match value {
        Value::Str(s) if s.value() == "*" => Names::Any,
        Value::Str(s) => {
            errors.at(
                s,
                format!(
                    "`{key}` takes a list, even for one name: write `{key} = [{}]`",
                    as_list(&s.value(), true)
                ),
            );
            Names::None
        }
        Value::List { items, .. } if items.is_empty() => {
            errors.at(
                value.tokens(key),
                format!("`{key}` is empty: list at least one header name, e.g. {}, or leave `{key}` out", example(&key.to_string())),
            );
            Names::None
        }
        Value::List { items, .. } => {
            let mut names: Vec<String> = Vec::new();
            for item in items {
                let Some(lit) = string_item(item, &key.to_string(), errors) else {
                    continue;
                };
                let written = lit.value();
                if written == "*" {
                    errors.at(
                        lit,
                        format!(
                            "`*` cannot be mixed into a list; write `{key} = \"*\"` on its own"
                        ),
                    );
                    continue;
                }
                match check(&written) {
                    Ok(name) if names.contains(&name) && name != written => errors.at(
                        lit,
                        format!("`{written}` is listed twice (header names are case-insensitive); keep one"),
                    ),
                    Ok(name) if names.contains(&name) => {
                        errors.at(lit, format!("`{name}` is listed twice; keep one"))
                    }
                    Ok(name) => names.push(name),
                    Err(e) => errors.at(lit, e),
                }
            }
            Names::List(names)
        }
        Value::Flag => {
            errors.at(
                key,
                format!("`{key}` needs a value, e.g. {}", example(&key.to_string())),
            );
            Names::None
        }
        other => {
            errors.at(
                other.tokens(key),
                format!(
                    "`{key}` takes a list of header names, e.g. {}, or `{key} = \"*\"`",
                    example(&key.to_string())
                ),
            );
            Names::None
        }
    }
}

/// An entry of `origins`, `headers` or `expose`, which are all string literals.
fn string_item<'a>(item: &'a Item, key: &str, errors: &mut Errors) -> Option<&'a LitStr> {
    match item {
        Item::Str(s) => Some(s),
        Item::Ident(ident) if key == "origins" => {
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
            let message = if key == "origins" {
                "each origin is a string literal, e.g. `\"https://app.example.com\"`"
            } else {
                "header names are string literals, e.g. `\"content-type\"`"
            };
            errors.at(tokens, message);
            None
        }
    }
}

fn check_max_age(key: &Ident, value: &Value, errors: &mut Errors) -> Option<u64> {
    let seconds = match value {
        Value::Int {
            lit,
            negative,
            tokens,
        } => {
            // Too large even for an i128: certainly too large.
            let magnitude = lit.base10_parse::<i128>().unwrap_or(i128::MAX);
            let seconds = if *negative { -magnitude } else { magnitude };
            return max_age::check(seconds)
                .map_err(|e| errors.at(tokens, e))
                .ok();
        }
        Value::Str(s) => s.value().trim().parse::<i128>().ok(),
        _ => None,
    };
    let message = match seconds {
        Some(seconds) => {
            format!("`max_age` takes a number, not a string: write `max_age = {seconds}`")
        }
        None => format!(
            "`max_age` takes a number of seconds, e.g. {}",
            example("max_age")
        ),
    };
    errors.at(value.tokens(key), message);
    None
}

/// Fetch, "CORS check" and "CORS-preflight fetch": with credentials, `*` is taken
/// literally, so a wildcard never works together with `credentials`.
fn check_credentials(keys: &[(&Ident, &Value)], errors: &mut Errors) {
    for &(key, value) in keys {
        let Value::Str(s) = value else { continue };
        if s.value() != "*" {
            continue;
        }
        let message = match key.to_string().as_str() {
            "origins" => "`origins = \"*\"` cannot be combined with `credentials`: browsers refuse a wildcard origin on credentialed requests; list the allowed origins, e.g. `origins = [\"https://app.example.com\"]`, or remove `credentials`".to_owned(),
            name @ ("headers" | "expose") => format!(
                "`{name} = \"*\"` cannot be combined with `credentials`: on credentialed requests browsers read `*` as a header literally named `*`; list the header names, e.g. {}",
                example(name)
            ),
            _ => continue,
        };
        errors.at(s, message);
    }
}
