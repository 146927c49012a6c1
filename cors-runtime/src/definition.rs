//! What `#[cors]` wrote for one handler: its name, its methods, its keys and those of the
//! shared policy it uses. Plain data, built in a `const`; the per-process form is a
//! `CompiledPolicy`.

use cors_rules::method::MethodSet;

use crate::keys::{Names, Origins, PolicyKeys};

/// The CORS policy of one handler as written: its name, its methods, its keys and those
/// of the shared policy it uses, if any.
#[derive(Debug)]
pub(crate) struct Definition {
    pub(crate) handler: &'static str,
    pub(crate) methods: MethodSet,
    /// The keys written on the handler.
    pub(crate) own: PolicyKeys,
    /// The keys of `policy = Shared`, which the handler's own add to or override.
    pub(crate) shared: Option<PolicyKeys>,
}

impl Definition {
    /// The policy of the fn `handler`, routed on `methods`, with `keys`.
    pub(crate) const fn new(handler: &'static str, methods: MethodSet, keys: PolicyKeys) -> Self {
        Definition {
            handler,
            methods,
            own: keys,
            shared: None,
        }
    }

    /// `policy = Shared`: the shared policy's keys, which the handler's own add to
    /// (`headers`, `expose`, flags) or override (`max_age`).
    pub(crate) const fn shared(mut self, shared: PolicyKeys) -> Self {
        self.shared = Some(shared);
        self
    }

    /// The keys in force: the handler's own over the shared policy's. `headers` and
    /// `expose` are the handler's when it gives them; the compiled policy merges both
    /// lists ([`merge_names`]), once per process.
    pub(crate) fn keys(&self) -> PolicyKeys {
        let own = self.own;
        let Some(shared) = self.shared else {
            return own;
        };
        PolicyKeys {
            origins: match own.origins {
                Origins::Unset => shared.origins,
                origins => origins,
            },
            headers: first_given(own.headers, shared.headers),
            expose: first_given(own.expose, shared.expose),
            credentials: own.credentials || shared.credentials,
            max_age: own.max_age.or(shared.max_age),
            private_network: own.private_network || shared.private_network,
            strict: own.strict || shared.strict,
            allow_insecure_origins: own.allow_insecure_origins || shared.allow_insecure_origins,
            insecure_origins: own.insecure_origins || shared.insecure_origins,
        }
    }
}

fn first_given(own: Names, shared: Names) -> Names {
    match own {
        Names::None => shared,
        own => own,
    }
}

/// A handler's `headers` (or `expose`) added to its shared policy's, for the life of the
/// process. Compile-time checks refuse a wildcard beside anything else and a name in both,
/// so two lists are the only case to join.
pub(crate) fn merge_names(own: Names, shared: Option<Names>) -> Names {
    match (own, shared) {
        (Names::List(own), Some(Names::List(shared))) => {
            let mut all: Vec<&'static str> = own.iter().chain(shared).copied().collect();
            all.sort_unstable();
            all.dedup();
            Names::List(all.leak())
        }
        (Names::None, Some(shared)) => shared,
        (own, _) => own,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handler_adds_to_its_shared_policy_and_overrides_its_scalars() {
        static SHARED: PolicyKeys = PolicyKeys::new()
            .headers(&["content-type"])
            .credentials()
            .max_age(600);
        let policy = Definition::new(
            "h",
            MethodSet::GET,
            PolicyKeys::new().headers(&["x-a"]).max_age(60),
        )
        .shared(SHARED);
        let keys = policy.keys();
        assert!(keys.credentials);
        assert_eq!(keys.max_age, Some(60));
        assert!(matches!(
            merge_names(keys.headers, policy.shared.map(|s| s.headers)),
            Names::List(["content-type", "x-a"])
        ));
        assert!(SHARED.lists(false, "content-type"));
        assert!(!SHARED.lists(false, "content"));
        assert!(!SHARED.lists(true, "content-type"));
    }
}
