//! The keys `#[cors(...)]` accepts: the one list of them. Every match on [`Key`] is
//! exhaustive, so a key added here does not compile until it is parsed, validated,
//! expanded and given an example and a doc line.

/// A key of `#[cors(...)]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Origins,
    Methods,
    Headers,
    Expose,
    Credentials,
    MaxAge,
    PrivateNetwork,
    Strict,
    DangerouslyAllowInsecureOrigins,
    Policy,
    Crate,
}

/// The shape of a key's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `key = [...]` (or `"*"` where allowed).
    List,
    /// Just `key`.
    Flag,
    /// `key = 600`.
    Number,
    /// `key = path::to::item`.
    Path,
}

impl Key {
    /// Every key, in the order the README documents them.
    pub const ALL: [Key; 11] = [
        Key::Origins,
        Key::Methods,
        Key::Headers,
        Key::Expose,
        Key::Credentials,
        Key::MaxAge,
        Key::PrivateNetwork,
        Key::Strict,
        Key::DangerouslyAllowInsecureOrigins,
        Key::Policy,
        Key::Crate,
    ];

    /// The key as written.
    pub fn name(self) -> &'static str {
        match self {
            Key::Origins => "origins",
            Key::Methods => "methods",
            Key::Headers => "headers",
            Key::Expose => "expose",
            Key::Credentials => "credentials",
            Key::MaxAge => "max_age",
            Key::PrivateNetwork => "private_network",
            Key::Strict => "strict",
            Key::DangerouslyAllowInsecureOrigins => "dangerously_allow_insecure_origins",
            Key::Policy => "policy",
            Key::Crate => "crate",
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Key::Origins | Key::Methods | Key::Headers | Key::Expose => Kind::List,
            Key::Credentials
            | Key::PrivateNetwork
            | Key::Strict
            | Key::DangerouslyAllowInsecureOrigins => Kind::Flag,
            Key::MaxAge => Kind::Number,
            Key::Policy | Key::Crate => Kind::Path,
        }
    }

    /// The key in use, for "e.g. ..." in messages.
    pub fn example(self) -> &'static str {
        match self {
            Key::Origins => "`origins = [\"https://app.example.com\"]`",
            Key::Methods => "`methods = [GET, POST]`",
            Key::Headers => "`headers = [\"content-type\"]`",
            Key::Expose => "`expose = [\"x-request-id\"]`",
            Key::Credentials => "`credentials`",
            Key::MaxAge => "`max_age = 600`",
            Key::PrivateNetwork => "`private_network`",
            Key::Strict => "`strict`",
            Key::DangerouslyAllowInsecureOrigins => "`dangerously_allow_insecure_origins`",
            Key::Policy => "`policy = SpaPolicy`",
            Key::Crate => "`crate = my_cors`",
        }
    }

    /// What the key means, in one line; the README's key table row says it too (a test
    /// checks), so a new key is documented where users look.
    #[cfg(test)]
    pub fn doc(self) -> &'static str {
        match self {
            Key::Origins => "exact serialized origins",
            Key::Methods => "the methods the handler is routed on and the preflight allows",
            Key::Headers => "request headers a preflight may ask for",
            Key::Expose => "response headers scripts may read",
            Key::Credentials => "cookies and `Authorization` allowed",
            Key::MaxAge => "seconds a browser may cache the preflight",
            Key::PrivateNetwork => "answer `Access-Control-Request-Private-Network: true`",
            Key::Strict => {
                "refuse cross-origin POST, PUT, DELETE and PATCH from origins the policy does not allow"
            }
            Key::DangerouslyAllowInsecureOrigins => {
                "lets `credentials` go with plain `http://` origins"
            }
            Key::Policy => "a shared policy defined with `#[cors_policy(...)]`",
            Key::Crate => "the path of `cors-runtime` when it is renamed or re-exported",
        }
    }

    /// The key named `name`.
    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|key| key.name() == name)
    }

    /// The key meant by a name people bring from other CORS libraries (tower-http,
    /// actix-cors, Express).
    pub fn from_alias(name: &str) -> Option<Key> {
        Some(match name {
            "allow_origin" | "allow_origins" | "allowed_origins" => Key::Origins,
            "allow_methods" | "allowed_methods" => Key::Methods,
            "allow_headers" | "allowed_headers" => Key::Headers,
            "expose_headers" | "exposed_headers" => Key::Expose,
            "allow_credentials" | "supports_credentials" => Key::Credentials,
            "allow_private_network" => Key::PrivateNetwork,
            "allow_insecure_origins" => Key::DangerouslyAllowInsecureOrigins,
            "krate" | "cors_runtime" => Key::Crate,
            "shared" | "use_policy" | "cors_policy" => Key::Policy,
            _ => return None,
        })
    }

    /// The key meant by an unknown one: a name from another library, a near miss, or a
    /// part of a long key.
    pub fn suggest(name: &str) -> Option<Key> {
        let close = || {
            Key::ALL
                .into_iter()
                .map(|key| (strsim::damerau_levenshtein(key.name(), name), key))
                .filter(|(distance, key)| *distance <= 3.max(key.name().len() / 4))
                .min_by_key(|(distance, _)| *distance)
                .map(|(_, key)| key)
        };
        let within = || {
            Key::ALL
                .into_iter()
                .find(|key| name.len() >= 5 && key.name().contains(name))
        };
        Key::from_alias(name).or_else(close).or_else(within)
    }

    /// "`origins`, `methods`, ...": every key, for "the keys are ..." messages.
    pub fn list() -> String {
        Key::ALL
            .iter()
            .map(|key| format!("`{}`", key.name()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_aliases_name_real_keys() {
        for key in Key::ALL {
            assert_eq!(Key::from_name(key.name()), Some(key));
            assert!(key.example().contains(key.name()), "{key:?}");
            assert!(!key.doc().is_empty());
        }
        assert_eq!(Key::from_alias("allow_origin"), Some(Key::Origins));
        assert_eq!(Key::suggest("orgins"), Some(Key::Origins));
        assert_eq!(Key::suggest("max_ages"), Some(Key::MaxAge));
        assert_eq!(
            Key::suggest("insecure"),
            Some(Key::DangerouslyAllowInsecureOrigins)
        );
        assert_eq!(Key::suggest("zzzzzzzzzzzzzzzzzz"), None);
    }

    #[test]
    fn every_key_is_in_the_readme_key_table() {
        let readme = include_str!("../../README.md");
        for key in Key::ALL {
            let row = readme
                .lines()
                .find(|line| line.starts_with(&format!("| `{}` |", key.name())))
                .unwrap_or_else(|| panic!("README.md's key table lacks `{}`", key.name()));
            assert!(
                row.contains(key.doc()),
                "README.md's row of `{}` does not say: {}",
                key.name(),
                key.doc()
            );
        }
    }
}
