//! `headers = [...]` and `expose = [...]`: header names, checked by `cors-rules`.

use syn::Ident;

use cors_rules::header;

use super::errors::Errors;
use super::{as_list, string_item};
use crate::ast::Value;
use crate::key::Key;
use crate::model::Names;

pub fn check(
    which: Key,
    key: &Ident,
    value: &Value,
    check: fn(&str) -> Result<String, header::HeaderError>,
    errors: &mut Errors,
) -> Names {
    match value {
        Value::Str(s) if s.value == "*" => Names::Any,
        Value::Str(s) => {
            errors.at(
                s,
                format!(
                    "`{key}` takes a list, even for one name: write `{key} = [{}]`",
                    as_list(&s.value, true)
                ),
            );
            Names::None
        }
        Value::List { items, .. } if items.is_empty() => {
            errors.at(
                value.tokens(key),
                format!("`{key}` is empty: list at least one header name, e.g. {}, or leave `{key}` out", which.example()),
            );
            Names::None
        }
        Value::List { items, .. } => {
            let mut names: Vec<String> = Vec::new();
            let mut wildcard = None;
            for item in items {
                let Some(lit) = string_item(item, which, errors) else {
                    continue;
                };
                let written = &lit.value;
                if written == "*" {
                    wildcard = Some(lit);
                    continue;
                }
                match check(written) {
                    Ok(name) if names.contains(&name) && name != *written => errors.at(
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
            match wildcard {
                None => Names::list(names),
                // Fetch, CORS-preflight fetch: `*` covers every request header but
                // `Authorization`, which only its own name covers.
                Some(_) if which == Key::Headers && names == ["authorization"] => {
                    Names::AnyAndAuthorization
                }
                Some(lit) => {
                    let message = if which == Key::Headers {
                        format!(
                            "`*` can be listed only beside `authorization` (`headers = [\"*\", \"authorization\"]`), the one header it does not cover; for any other header write `{key} = \"*\"` on its own"
                        )
                    } else {
                        format!("`*` cannot be mixed into a list; write `{key} = \"*\"` on its own")
                    };
                    errors.at(lit, message);
                    Names::None
                }
            }
        }
        other => {
            errors.at(
                other.tokens(key),
                format!(
                    "`{key}` takes a list of header names, e.g. {}, or `{key} = \"*\"`",
                    which.example()
                ),
            );
            Names::None
        }
    }
}
