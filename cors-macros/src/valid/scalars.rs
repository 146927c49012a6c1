//! Flags (`credentials`, `strict`, ...), `max_age = 600` and `crate = path`.

use syn::Ident;

use cors_rules::max_age;

use super::errors::Errors;
use crate::ast::Value;
use crate::key::Key;

/// `credentials`, `private_network`, `dangerously_allow_insecure_origins`.
pub fn check_flag(key: &Ident, value: &Value, errors: &mut Errors) {
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

pub fn check_max_age(key: &Ident, value: &Value, errors: &mut Errors) -> Option<u32> {
    let seconds = match value {
        Value::Int {
            lit,
            negative,
            tokens,
        } => {
            // Too large even for an i128: certainly too large.
            let magnitude = lit.base10_parse::<i128>().unwrap_or(i128::MAX);
            let seconds = if *negative { -magnitude } else { magnitude };
            return match max_age::check(seconds) {
                // At most a day, so it fits a `u32`.
                Ok(seconds) => u32::try_from(seconds).ok(),
                Err(e) => {
                    errors.at(tokens, e);
                    None
                }
            };
        }
        Value::Str(s) => s.value.trim().parse::<i128>().ok(),
        _ => None,
    };
    let message = match seconds {
        Some(seconds) => {
            format!("`max_age` takes a number, not a string: write `max_age = {seconds}`")
        }
        None => format!(
            "`max_age` takes a number of seconds, e.g. {}",
            Key::MaxAge.example()
        ),
    };
    errors.at(value.tokens(key), message);
    None
}

/// `crate = path::to::cors_runtime` (where the expansion finds the runtime) or
/// `policy = SpaPolicy` (a `#[cors_policy]` struct): a path, not a string.
pub fn check_path(
    key: Key,
    ident: &Ident,
    value: &Value,
    errors: &mut Errors,
) -> Option<syn::Path> {
    let name = key.name();
    let what = match key {
        Key::Policy => "the path of a `#[cors_policy]` struct",
        _ => "the path of `cors-runtime` as your crate names it",
    };
    let message = match value {
        Value::Other(tokens) => match syn::parse2::<syn::Path>(tokens.clone()) {
            Ok(path) => return Some(path),
            Err(_) => format!("`{name}` takes {what}, e.g. {}", key.example()),
        },
        Value::Str(s) if s.lit.parse::<syn::Path>().is_ok() => format!(
            "`{name}` takes a path, not a string: write `{name} = {}`",
            s.value
        ),
        _ => format!("`{name}` takes {what}, e.g. {}", key.example()),
    };
    errors.at(value.tokens(ident), message);
    None
}
