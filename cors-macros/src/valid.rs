//! Validation: every CORS rule of the attribute, checked after parsing and before
//! expanding. All errors of one attribute are collected and reported together, each on
//! the token it is about. What a valid origin, method or header name is lives in
//! `cors-rules`; this module applies those rules and the cross-key ones.

use proc_macro2::Span;
use syn::{Ident, LitStr};

use cors_rules::method::CorsMethod;
use cors_rules::{MAX_AGE_LIMIT, header, method, origin};

use crate::ast::{Args, Entry, Item, Value};

/// The keys `#[cors(...)]` accepts, in the order the README documents them.
pub const KEYS: &[&str] = &[
    "origins",
    "methods",
    "headers",
    "expose",
    "credentials",
    "max_age",
    "private_network",
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
}

pub enum Origins {
    Any,
    Exact(Vec<String>),
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
    pub fn push(&mut self, span: Span, message: impl std::fmt::Display) {
        let error = syn::Error::new(span, message);
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

/// Checks the attribute; `attr_span` is used for errors about a missing key.
pub fn validate(args: &Args, attr_span: Span) -> syn::Result<Policy> {
    let mut errors = Errors::default();
    let mut seen: Vec<&Ident> = Vec::new();
    let mut origins = None;
    let mut methods = None;
    let mut headers = Names::None;
    let mut expose = Names::None;
    let mut credentials = None;
    let mut max_age = None;
    let mut private_network = false;

    for Entry { key, value } in &args.entries {
        let name = key.to_string();
        if let Some(first) = seen.iter().find(|k| **k == key) {
            let _ = first;
            errors.push(key.span(), format!("`{name}` is given twice; keep one"));
            continue;
        }
        seen.push(key);
        match name.as_str() {
            "origins" => origins = Some(check_origins(value, key, &mut errors)),
            "methods" => methods = Some(check_methods(value, key, &mut errors)),
            "headers" => {
                headers = check_names(value, key, header::check_request_header, &mut errors)
            }
            "expose" => expose = check_names(value, key, header::check_exposed_header, &mut errors),
            "credentials" => {
                flag(value, key, &mut errors);
                credentials = Some(key.span());
            }
            "private_network" => {
                flag(value, key, &mut errors);
                private_network = true;
            }
            "max_age" => max_age = check_max_age(value, key, &mut errors),
            _ => errors.push(key.span(), unknown_key(&name)),
        }
    }

    if origins.is_none() {
        errors.push(
            attr_span,
            "missing `origins`: say which origins may call this handler, e.g. `origins = [\"https://app.example.com\"]`",
        );
    }
    if methods.is_none() {
        errors.push(
            attr_span,
            "missing `methods`: say which methods this handler is routed on, e.g. `methods = [GET, POST]`",
        );
    }
    if let Some(credentials) = credentials {
        check_credentials(args, credentials, &mut errors);
    }

    errors.into_result(Policy {
        origins: origins.flatten().unwrap_or(Origins::Exact(Vec::new())),
        methods: methods.flatten().unwrap_or_default(),
        headers,
        expose,
        credentials: credentials.is_some(),
        max_age,
        private_network,
    })
}

fn unknown_key(name: &str) -> String {
    let closest = KEYS
        .iter()
        .map(|k| (strsim::damerau_levenshtein(k, name), k))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    let valid = KEYS.join(", ");
    match closest {
        Some((_, k)) => format!("unknown key `{name}`: did you mean `{k}`? (valid keys: {valid})"),
        None => format!("unknown key `{name}` (valid keys: {valid})"),
    }
}

fn flag(value: &Value, key: &Ident, errors: &mut Errors) {
    if !matches!(value, Value::Flag) {
        errors.push(
            value.span(key),
            format!("`{key}` is a flag: write just `{key}`, without `= ...`"),
        );
    }
}

fn check_origins(value: &Value, key: &Ident, errors: &mut Errors) -> Option<Origins> {
    match value {
        Value::Str(s) if s.value() == "*" => Some(Origins::Any),
        Value::List { items, span } => {
            if items.is_empty() {
                errors.push(
                    *span,
                    "`origins` is empty: list at least one origin, or use `\"*\"` for any origin",
                );
                return None;
            }
            let mut list: Vec<String> = Vec::new();
            for item in items {
                let Some(lit) = string_item(item, "origins", errors) else {
                    continue;
                };
                let origin = lit.value();
                if let Err(e) = origin::check(&origin) {
                    errors.push(lit.span(), e);
                } else if list.contains(&origin) {
                    errors.push(lit.span(), format!("`{origin}` is listed twice; keep one"));
                } else {
                    list.push(origin);
                }
            }
            Some(Origins::Exact(list))
        }
        Value::Str(s) => {
            errors.push(
                s.span(),
                format!(
                    "`origins` takes a list: write `origins = [{:?}]`",
                    s.value()
                ),
            );
            None
        }
        other => {
            errors.push(
                other.span(key),
                "`origins` takes a list of origins, e.g. `[\"https://app.example.com\"]`, or `\"*\"`",
            );
            None
        }
    }
}

fn check_methods(value: &Value, key: &Ident, errors: &mut Errors) -> Option<Vec<CorsMethod>> {
    let Value::List { items, span } = value else {
        errors.push(
            value.span(key),
            "`methods` takes a list of methods, e.g. `methods = [GET, POST]`",
        );
        return None;
    };
    if items.is_empty() {
        errors.push(
            *span,
            "`methods` is empty: list the methods this handler is routed on, e.g. `[GET]`",
        );
        return None;
    }
    let mut methods = Vec::new();
    for item in items {
        let (name, span) = match item {
            Item::Ident(ident) => (ident.to_string(), ident.span()),
            Item::Str(s) => {
                errors.push(
                    s.span(),
                    format!("write methods without quotes: `{}`", s.value()),
                );
                continue;
            }
        };
        match method::check(&name) {
            Ok(m) if methods.contains(&m) => {
                errors.push(span, format!("`{name}` is listed twice; keep one"))
            }
            Ok(m) => methods.push(m),
            Err(e) => errors.push(span, e),
        }
    }
    Some(methods)
}

fn check_names(
    value: &Value,
    key: &Ident,
    check: fn(&str) -> Result<String, header::HeaderError>,
    errors: &mut Errors,
) -> Names {
    match value {
        Value::Str(s) if s.value() == "*" => Names::Any,
        Value::List { items, span } => {
            if items.is_empty() {
                errors.push(
                    *span,
                    format!(
                        "`{key}` is empty: list at least one header name, or leave `{key}` out"
                    ),
                );
                return Names::None;
            }
            let mut names: Vec<String> = Vec::new();
            for item in items {
                let Some(lit) = string_item(item, &key.to_string(), errors) else {
                    continue;
                };
                if lit.value() == "*" {
                    errors.push(
                        lit.span(),
                        format!("`*` cannot be mixed into a list; use `{key} = \"*\"` on its own"),
                    );
                    continue;
                }
                match check(&lit.value()) {
                    Ok(name) if names.contains(&name) => {
                        errors.push(lit.span(), format!("`{name}` is listed twice; keep one"))
                    }
                    Ok(name) => names.push(name),
                    Err(e) => errors.push(lit.span(), e),
                }
            }
            Names::List(names)
        }
        Value::Str(s) => {
            errors.push(
                s.span(),
                format!("`{key}` takes a list: write `{key} = [{:?}]`", s.value()),
            );
            Names::None
        }
        other => {
            errors.push(
                other.span(key),
                format!(
                    "`{key}` takes a list of header names, e.g. `[\"x-request-id\"]`, or `\"*\"`"
                ),
            );
            Names::None
        }
    }
}

fn string_item<'a>(item: &'a Item, key: &str, errors: &mut Errors) -> Option<&'a LitStr> {
    match item {
        Item::Str(s) => Some(s),
        Item::Ident(ident) => {
            errors.push(
                ident.span(),
                format!("`{key}` entries are strings: write `\"{ident}\"`"),
            );
            None
        }
    }
}

fn check_max_age(value: &Value, key: &Ident, errors: &mut Errors) -> Option<u64> {
    let Value::Int {
        lit,
        negative,
        span,
    } = value
    else {
        errors.push(
            value.span(key),
            "`max_age` takes a number of seconds, e.g. `max_age = 600`",
        );
        return None;
    };
    let too_big = || {
        format!(
            "`max_age` must be at most {MAX_AGE_LIMIT} (one day): browsers cap the preflight cache there"
        )
    };
    if *negative {
        errors.push(
            *span,
            "`max_age` cannot be negative: use 0 to disable the preflight cache, or leave it out",
        );
        return None;
    }
    match lit.base10_parse::<u64>() {
        Ok(seconds) if seconds <= MAX_AGE_LIMIT => Some(seconds),
        Ok(_) => {
            errors.push(*span, too_big());
            None
        }
        Err(_) => {
            errors.push(*span, too_big());
            None
        }
    }
}

/// Fetch, "CORS check": with credentials, `*` is taken literally, so a wildcard can
/// never work together with `credentials`.
fn check_credentials(args: &Args, credentials: Span, errors: &mut Errors) {
    for Entry { key, value } in &args.entries {
        if let Value::Str(s) = value
            && s.value() == "*"
            && matches!(key.to_string().as_str(), "origins" | "headers" | "expose")
        {
            let fix = if key == "origins" {
                "list the allowed origins explicitly"
            } else {
                "list the header names explicitly"
            };
            errors.push(
                s.span(),
                format!("`{key} = \"*\"` cannot be combined with `credentials`: browsers reject a wildcard on credentialed requests; {fix}"),
            );
            let _ = credentials;
        }
    }
}
