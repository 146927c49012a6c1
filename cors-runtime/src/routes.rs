//! Mounting annotated handlers on one path: each on its own methods, wrapped by its
//! policy, plus exactly one OPTIONS endpoint. Used through [`cors_routes!`](crate::cors_routes).

use std::sync::Arc;

use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter};
use http::{HeaderValue, StatusCode, header::ALLOW};

use crate::actual::WithPolicy;
use crate::compiled::CompiledPolicy;
use crate::policy::{CorsHandler, CorsMethod, filter as method_filter};
use crate::preflight::{PreflightLayer, PreflightTable};

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
        match self.table.add(P::compiled()) {
            Some(filter) => {
                self.router = self.router.on(filter, WithPolicy::<P, H>::new(handler));
                self
            }
            None => self,
        }
    }

    /// Adds the OPTIONS endpoint; non-preflight OPTIONS requests get `204` with `Allow`.
    pub fn finish(self) -> MethodRouter<S> {
        let allow = allow_header(&self.table);
        self.finish_with_options(move || async move { (StatusCode::NO_CONTENT, [(ALLOW, allow)]) })
    }

    /// Adds the OPTIONS endpoint; non-preflight OPTIONS requests go to `options`.
    pub fn finish_with_options<H, T>(mut self, options: H) -> MethodRouter<S>
    where
        H: Handler<T, S>,
        T: 'static,
    {
        // axum answers HEAD with the GET handler, so the GET policy covers HEAD (DESIGN 3.5).
        let by_method = &mut self.table.by_method;
        if by_method[CorsMethod::Head.index()].is_none() {
            by_method[CorsMethod::Head.index()] = by_method[CorsMethod::Get.index()];
        }
        let layer = PreflightLayer {
            table: Arc::new(self.table),
        };
        self.router.on(MethodFilter::OPTIONS, options.layer(layer))
    }
}

impl PreflightTable {
    /// Records `policy` for its methods; the filter routing them, if it has any. Not
    /// generic over the handler, so it is compiled once, not once per handler.
    fn add(&mut self, policy: &'static CompiledPolicy) -> Option<MethodFilter> {
        let mut filter: Option<MethodFilter> = None;
        for &method in policy.policy.methods {
            self.by_method[method.index()] = Some(policy);
            let one = method_filter(method);
            filter = Some(filter.map_or(one, |f| f.or(one)));
        }
        filter
    }
}

/// `Allow` of a non-preflight OPTIONS answer: the path's methods, HEAD with GET, and OPTIONS.
fn allow_header(table: &PreflightTable) -> HeaderValue {
    let get_routed = table.by_method[CorsMethod::Get.index()].is_some();
    let methods: Vec<&str> = CorsMethod::ALL
        .into_iter()
        .filter(|m| table.by_method[m.index()].is_some() || (*m == CorsMethod::Head && get_routed))
        .map(CorsMethod::as_str)
        .chain(["OPTIONS"])
        .collect();
    HeaderValue::from_str(&methods.join(", ")).expect("method names are valid header bytes")
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
pub const fn assert_one_handler_per_method(methods_of_each_handler: &[&[CorsMethod]]) {
    let mut seen = [false; CorsMethod::ALL.len()];
    let mut i = 0;
    while i < methods_of_each_handler.len() {
        let methods = methods_of_each_handler[i];
        let mut j = 0;
        while j < methods.len() {
            let method = methods[j];
            if seen[method.index()] {
                match method {
                    CorsMethod::Get => routed_twice!("GET"),
                    CorsMethod::Head => routed_twice!("HEAD"),
                    CorsMethod::Post => routed_twice!("POST"),
                    CorsMethod::Put => routed_twice!("PUT"),
                    CorsMethod::Delete => routed_twice!("DELETE"),
                    CorsMethod::Patch => routed_twice!("PATCH"),
                }
            }
            seen[method.index()] = true;
            j += 1;
        }
        i += 1;
    }
}
