//! Mounting annotated handlers on one path: each on its own methods, wrapped by its
//! policy, plus exactly one OPTIONS endpoint. Used through [`cors_routes!`](crate::cors_routes).

use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter};
use http::{HeaderValue, StatusCode, header::ALLOW};

use crate::actual::WithPolicy;
use crate::compiled::CompiledPolicy;
use cors_rules::method::{CorsMethod, MethodSet};

use crate::policy::CorsHandler;
use crate::preflight::{PreflightTable, WithPreflight};

/// Builder behind `cors_routes!`; not meant to be named by users.
#[doc(hidden)]
#[must_use = "call `finish` to get the MethodRouter"]
pub struct CorsRoutes<S> {
    router: MethodRouter<S>,
    table: PreflightTable,
}

impl<S> Default for CorsRoutes<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        CorsRoutes {
            router: MethodRouter::new(),
            table: PreflightTable::default(),
        }
    }
}

impl<S> CorsRoutes<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// An empty set of routes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Routes `handler` on its policy's methods, wrapped so every response carries the
    /// policy's headers.
    ///
    /// Two handlers on one method are refused at compile time by `cors_routes!`
    /// ([`assert_one_handler_per_method`]); axum's own overlap check backs that up here.
    ///
    /// # Panics
    /// When `P`'s `env(...)` or `from_fn(...)` origins are invalid: the message lists
    /// every bad entry (see [`StartupError`](crate::StartupError)).
    pub fn handler<P, H, T>(mut self, handler: H) -> Self
    where
        P: CorsHandler + 'static,
        H: Handler<T, S>,
        T: 'static,
    {
        match self.table.add(P::POLICY.compiled()) {
            Some(filter) => {
                self.router = self.router.on(filter, WithPolicy::<P, H>::new(handler));
                self
            }
            None => self,
        }
    }

    /// Adds the OPTIONS endpoint; non-preflight OPTIONS requests get `204` with `Allow`.
    pub fn finish(self) -> MethodRouter<S> {
        // The closure holds the methods (`Copy`), not the `Allow` value: axum clones the
        // OPTIONS endpoint for every request, preflights included, and a `HeaderValue`
        // clone is a reference count up and down. The value is built only when asked for.
        let routed = self.table.routed;
        self.finish_with_options(move || async move {
            (StatusCode::NO_CONTENT, [(ALLOW, allow_header(routed))])
        })
    }

    /// Adds the OPTIONS endpoint; non-preflight OPTIONS requests go to `options`.
    pub fn finish_with_options<H, T>(self, options: H) -> MethodRouter<S>
    where
        H: Handler<T, S>,
        T: 'static,
    {
        let endpoint = WithPreflight::new(options, self.table);
        self.router.on(MethodFilter::OPTIONS, endpoint)
    }
}

impl PreflightTable {
    /// Records `policy` for every method a router answers with its handler
    /// ([`MethodSet::routed`]: HEAD with GET, unless a handler of its own has HEAD); the
    /// filter routing its methods, if it has any. Not generic over the handler, so it is
    /// compiled once, not once per handler.
    fn add(&mut self, policy: &'static CompiledPolicy) -> Option<MethodFilter> {
        let own = policy.policy.methods;
        for method in own.routed().iter() {
            let slot = &mut self.by_method[method.index()];
            if own.contains(method) || slot.is_none() {
                *slot = Some(policy);
            }
        }
        self.routed = self.routed.union(own.routed());
        own.iter().map(method_filter).reduce(MethodFilter::or)
    }
}

/// `Allow` of a non-preflight OPTIONS answer: the path's methods and OPTIONS.
fn allow_header(routed: MethodSet) -> HeaderValue {
    let methods = routed.iter().map(CorsMethod::as_str).chain(["OPTIONS"]);
    HeaderValue::from_str(&methods.collect::<Vec<_>>().join(", "))
        .expect("method names are valid header bytes")
}

/// The axum filter that routes `method`.
fn method_filter(method: CorsMethod) -> MethodFilter {
    match method {
        CorsMethod::Get => MethodFilter::GET,
        CorsMethod::Head => MethodFilter::HEAD,
        CorsMethod::Post => MethodFilter::POST,
        CorsMethod::Put => MethodFilter::PUT,
        CorsMethod::Delete => MethodFilter::DELETE,
        CorsMethod::Patch => MethodFilter::PATCH,
    }
}

/// A const panic message must be a literal: one per method, written once here.
macro_rules! routed_twice {
    ($method:literal) => {
        panic!(concat!(
            "cors_routes!: two handlers in this list are routed on ",
            $method,
            "; a path has one handler per method: give each handler its own `methods`, or mount them on different paths"
        ))
    };
}

/// Compile-time check behind `cors_routes!`: no method is claimed by two handlers.
#[doc(hidden)]
pub const fn assert_one_handler_per_method(methods_of_each_handler: &[MethodSet]) {
    let mut seen = MethodSet::EMPTY;
    let mut i = 0;
    while i < methods_of_each_handler.len() {
        let methods = methods_of_each_handler[i];
        let twice = seen.intersection(methods);
        if twice.contains(CorsMethod::Get) {
            routed_twice!("GET")
        } else if twice.contains(CorsMethod::Head) {
            routed_twice!("HEAD")
        } else if twice.contains(CorsMethod::Post) {
            routed_twice!("POST")
        } else if twice.contains(CorsMethod::Put) {
            routed_twice!("PUT")
        } else if twice.contains(CorsMethod::Delete) {
            routed_twice!("DELETE")
        } else if twice.contains(CorsMethod::Patch) {
            routed_twice!("PATCH")
        }
        seen = seen.union(methods);
        i += 1;
    }
}
