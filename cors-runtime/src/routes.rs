//! Mounting annotated handlers on one path: each on its own methods, wrapped by its
//! policy, plus exactly one OPTIONS endpoint. Used through [`cors_routes!`](crate::cors_routes).

use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter};
use http::{HeaderValue, StatusCode, header::ALLOW};

use crate::actual::WithPolicy;
use crate::handler::CorsHandler;
use crate::preflight::WithPreflight;
use crate::table::PreflightTable;
use cors_rules::method::{CorsMethod, MethodSet};

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
    /// ([`assert_routed_apart`]); axum's own overlap check backs that up here.
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

/// `Allow` of a non-preflight OPTIONS answer: the path's methods and OPTIONS.
fn allow_header(routed: MethodSet) -> HeaderValue {
    let methods = routed.iter().map(CorsMethod::as_str).chain(["OPTIONS"]);
    HeaderValue::from_str(&methods.collect::<Vec<_>>().join(", "))
        .expect("method names are valid header bytes")
}

/// Compile-time check behind `cors_routes!`, one per pair of handlers: `A` and `B` are
/// routed on no common method. `FIRST_SHARED` is the first method they share
/// ([`first_shared_method`]); when there is one, exactly one bound fails, and its message
/// names both handlers and that method. (Trait bounds rather than a const panic: a
/// panic's error quotes `core`'s source where the `rust-src` component is installed.)
#[doc(hidden)]
pub const fn assert_routed_apart<A, B, const FIRST_SHARED: usize>()
where
    Shared<FIRST_SHARED>: NotBothOnGet<A, B>
        + NotBothOnHead<A, B>
        + NotBothOnPost<A, B>
        + NotBothOnPut<A, B>
        + NotBothOnDelete<A, B>
        + NotBothOnPatch<A, B>,
{
}

/// The index ([`CorsMethod::index`]) of the first method in both sets, or
/// [`CorsMethod::ALL`]`.len()` when they share none.
#[doc(hidden)]
pub const fn first_shared_method(a: MethodSet, b: MethodSet) -> usize {
    let shared = a.intersection(b);
    let mut i = 0;
    while i < CorsMethod::ALL.len() && !shared.contains(CorsMethod::ALL[i]) {
        i += 1;
    }
    i
}

/// The first method two handlers share, as a type ([`first_shared_method`]).
#[doc(hidden)]
pub struct Shared<const INDEX: usize>;

/// One trait per method, each implemented for every [`Shared`] index but its method's,
/// so that the unmet bound's message can name the method (a message is a literal).
macro_rules! not_both_on {
    ($($name:ident for $($other:literal)*: $message:literal, $label:literal;)*) => {$(
        #[doc(hidden)]
        #[diagnostic::on_unimplemented(
            message = $message,
            label = $label,
            note = "give each handler its own `methods`, or mount them on different paths"
        )]
        pub trait $name<A, B> {}
        $(
            #[diagnostic::do_not_recommend]
            impl<A, B> $name<A, B> for Shared<$other> {}
        )*
    )*};
}

not_both_on! {
    NotBothOnGet for 1 2 3 4 5 6:
        "`{A}` and `{B}` are both routed on GET: a path has one handler per method",
        "`{A}` and `{B}` are both routed on GET";
    NotBothOnHead for 0 2 3 4 5 6:
        "`{A}` and `{B}` are both routed on HEAD: a path has one handler per method",
        "`{A}` and `{B}` are both routed on HEAD";
    NotBothOnPost for 0 1 3 4 5 6:
        "`{A}` and `{B}` are both routed on POST: a path has one handler per method",
        "`{A}` and `{B}` are both routed on POST";
    NotBothOnPut for 0 1 2 4 5 6:
        "`{A}` and `{B}` are both routed on PUT: a path has one handler per method",
        "`{A}` and `{B}` are both routed on PUT";
    NotBothOnDelete for 0 1 2 3 5 6:
        "`{A}` and `{B}` are both routed on DELETE: a path has one handler per method",
        "`{A}` and `{B}` are both routed on DELETE";
    NotBothOnPatch for 0 1 2 3 4 6:
        "`{A}` and `{B}` are both routed on PATCH: a path has one handler per method",
        "`{A}` and `{B}` are both routed on PATCH";
}
