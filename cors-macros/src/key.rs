//! The keys `#[cors(...)]` accepts: the one list of them, the table at the foot of this
//! file, one row per key with everything said about it. Validation dispatches on [`Key`]
//! with an exhaustive match, so a row added there does not compile until its key is
//! validated into a field of the model.

/// One row of the table: what is said about a key.
struct Row {
    name: &'static str,
    kind: Kind,
    /// The key in use, for "e.g. ..." in messages.
    example: &'static str,
    /// What the key means, in one line (the README's key table says it too).
    #[cfg_attr(not(test), allow(dead_code))]
    doc: &'static str,
    /// Names people bring from other CORS libraries (tower-http, actix-cors, Express).
    aliases: &'static [&'static str],
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

/// The table, written once: it makes the [`Key`] enum, [`Key::ALL`] and each key's
/// [`Row`].
macro_rules! keys {
    ($($key:ident {
        name: $name:literal,
        kind: $kind:ident,
        example: $example:literal,
        doc: $doc:literal,
        aliases: [$($alias:literal),*],
    })*) => {
        /// A key of `#[cors(...)]`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key {
            $($key,)*
        }

        impl Key {
            /// Every key, in the order the README documents them.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];

            fn row(self) -> Row {
                match self {
                    $(Key::$key => Row {
                        name: $name,
                        kind: Kind::$kind,
                        example: $example,
                        doc: $doc,
                        aliases: &[$($alias),*],
                    },)*
                }
            }
        }
    };
}

impl Key {
    /// The key as written.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    pub fn kind(self) -> Kind {
        self.row().kind
    }

    /// The key in use, for "e.g. ..." in messages.
    pub fn example(self) -> &'static str {
        self.row().example
    }

    /// What the key means, in one line; the README's key table row says it too (a test
    /// checks), so a new key is documented where users look.
    #[cfg(test)]
    pub fn doc(self) -> &'static str {
        self.row().doc
    }

    /// The key named `name`.
    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.iter().copied().find(|key| key.name() == name)
    }

    /// The key meant by a name people bring from other CORS libraries.
    pub fn from_alias(name: &str) -> Option<Key> {
        Key::ALL
            .iter()
            .copied()
            .find(|key| key.row().aliases.contains(&name))
    }

    /// The key meant by an unknown one: a name from another library, a near miss, or a
    /// part of a long key.
    pub fn suggest(name: &str) -> Option<Key> {
        let close = || {
            Key::ALL
                .iter()
                .copied()
                .map(|key| (strsim::damerau_levenshtein(key.name(), name), key))
                .filter(|(distance, key)| *distance <= 3.max(key.name().len() / 4))
                .min_by_key(|(distance, _)| *distance)
                .map(|(_, key)| key)
        };
        let within = || {
            Key::ALL
                .iter()
                .copied()
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

keys! {
    Origins {
        name: "origins",
        kind: List,
        example: "`origins = [\"https://app.example.com\"]`",
        doc: "exact serialized origins",
        aliases: ["allow_origin", "allow_origins", "allowed_origins"],
    }
    Methods {
        name: "methods",
        kind: List,
        example: "`methods = [GET, POST]`",
        doc: "the methods the handler is routed on and the preflight allows",
        aliases: ["allow_methods", "allowed_methods"],
    }
    Headers {
        name: "headers",
        kind: List,
        example: "`headers = [\"content-type\"]`",
        doc: "request headers a preflight may ask for",
        aliases: ["allow_headers", "allowed_headers"],
    }
    Expose {
        name: "expose",
        kind: List,
        example: "`expose = [\"x-request-id\"]`",
        doc: "response headers scripts may read",
        aliases: ["expose_headers", "exposed_headers"],
    }
    Credentials {
        name: "credentials",
        kind: Flag,
        example: "`credentials`",
        doc: "cookies and `Authorization` allowed",
        aliases: ["allow_credentials", "supports_credentials"],
    }
    MaxAge {
        name: "max_age",
        kind: Number,
        example: "`max_age = 600`",
        doc: "seconds a browser may cache the preflight",
        aliases: [],
    }
    PrivateNetwork {
        name: "private_network",
        kind: Flag,
        example: "`private_network`",
        doc: "answer `Access-Control-Request-Private-Network: true`",
        aliases: ["allow_private_network"],
    }
    Strict {
        name: "strict",
        kind: Flag,
        example: "`strict`",
        doc: "refuse cross-origin POST, PUT, DELETE and PATCH from origins the policy does not allow",
        aliases: [],
    }
    DangerouslyAllowInsecureOrigins {
        name: "dangerously_allow_insecure_origins",
        kind: Flag,
        example: "`dangerously_allow_insecure_origins`",
        doc: "lets `credentials` go with plain `http://` origins",
        aliases: ["allow_insecure_origins"],
    }
    Policy {
        name: "policy",
        kind: Path,
        example: "`policy = SpaPolicy`",
        doc: "a shared policy defined with `#[cors_policy(...)]`",
        aliases: ["shared", "use_policy", "cors_policy"],
    }
    Crate {
        name: "crate",
        kind: Path,
        example: "`crate = my_cors`",
        doc: "the path of `cors-runtime` when it is renamed or re-exported",
        aliases: ["krate", "cors_runtime"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_aliases_name_real_keys() {
        for &key in Key::ALL {
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

    /// Each key's row in a key table (`prefix` before each line): present, and saying
    /// what [`Key::doc`] says.
    fn assert_key_table(document: &str, text: &str, prefix: &str) {
        for key in Key::ALL {
            let row = text
                .lines()
                .find(|line| line.starts_with(&format!("{prefix}| `{}` |", key.name())))
                .unwrap_or_else(|| panic!("{document}'s key table lacks `{}`", key.name()));
            assert!(
                row.contains(key.doc()),
                "{document}'s row of `{}` does not say: {}",
                key.name(),
                key.doc()
            );
        }
    }

    #[test]
    fn every_key_is_in_the_readme_key_table() {
        assert_key_table("README.md", include_str!("../../README.md"), "");
    }

    /// The table in the rustdoc of `cors_runtime::cors`, what an IDE shows on hover.
    #[test]
    fn every_key_is_in_the_rustdoc_key_table() {
        let lib = include_str!("../../cors-runtime/src/lib.rs");
        assert_key_table("cors-runtime/src/lib.rs", lib, "/// ");
    }
}
