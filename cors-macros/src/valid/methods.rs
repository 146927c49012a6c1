//! `methods = [...]`: the methods a handler is routed on.

use quote::ToTokens;
use syn::Ident;

use cors_rules::method::{self, CorsMethod, MethodError, MethodSet};

use super::as_list;
use super::errors::Errors;
use crate::ast::{Call, Item, Value};

/// `Ok` or `LowerCase`: the name is meant as this method.
fn meant_method(name: &str) -> Option<CorsMethod> {
    match method::check(name) {
        Ok(m) | Err(MethodError::LowerCase(m)) => Some(m),
        Err(_) => None,
    }
}

const NOT_A_WILDCARD: &str = "`methods` cannot be `\"*\"`: the methods are the ones the handler is routed on, so they must be named; list them, e.g. `methods = [GET, POST]`";

pub fn check(key: &Ident, value: &Value, errors: &mut Errors) -> Option<MethodSet> {
    let items = match value {
        Value::List { items, .. } => items,
        Value::Str(s) if s.value == "*" => {
            errors.at(s, NOT_A_WILDCARD);
            return None;
        }
        Value::Str(s) => {
            let written = as_list(&s.value, false);
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
    let mut methods = MethodSet::EMPTY;
    for item in items {
        let (name, tokens) = match item {
            Item::Ident(ident) => (ident.to_string(), ident.to_token_stream()),
            Item::Str(s) if s.value == "*" => {
                errors.at(s, NOT_A_WILDCARD);
                continue;
            }
            Item::Str(s) => {
                let name = &s.value;
                let message = match meant_method(name) {
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
            Ok(m) if methods.contains(m) => {
                errors.at(tokens, format!("`{name}` is listed twice; keep one"))
            }
            Ok(m) => methods = methods.with(m),
            Err(e) => errors.at(tokens, e),
        }
    }
    Some(methods)
}
