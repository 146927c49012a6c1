//! The check behind each entry of `layers = [..]` in `cors_routes!`: one call per layer,
//! `CheckLayer::<N>::inside_policy(layer)`, which returns the layer unchanged when axum's
//! `Handler::layer` can run it inside the policy, and is otherwise exactly one error, on
//! the user's layer expression, that says what it is and how to fix it:
//!
//! | the layer | the error (step) |
//! |---|---|
//! | a middleware fn, `async fn f(request: Request, next: Next)` | write `middleware::from_fn(f)` (3) |
//! | a middleware fn taking `State` first | write `middleware::from_fn_with_state(state, f)` (4) |
//! | any other fn (a handler, say) | a fn is not a layer (2) |
//! | `middleware::from_fn(f)` of an `f` taking `State` first | write `middleware::from_fn_with_state(state, ..)` (5) |
//! | a tower layer whose service can fail (`Error` not `Infallible`) | it must not fail: `TimeoutLayer::with_status_code`, `HandleErrorLayer` (7) |
//! | anything else, a layer `Handler::layer` cannot take included | not a layer `Handler::layer` takes, and what it takes (1) |
//!
//! How: the bound is a chain of steps, each a trait on the layer type `L` whose unmet
//! bound carries the message (`#[diagnostic::on_unimplemented]`). The first step infers
//! what `L` is ([`Shape`]: a layer, or a fn and its parameters); each next step takes the
//! previous one's answer as a trait parameter and has no impl for the case it refuses.
//! When a step fails, the later steps' input is unknown and, every step having two impls
//! or more for any input, stays unknown: no second error. (With a single impl left, rustc
//! would infer the input from it, a parameter of the user's fn included, and report a
//! mismatch of its own.) The return type is the last step's projection, so the result of
//! a refused layer is unknown too, and axum's own bounds on it (the wall of
//! `Layer<HandlerService<..>>` and `Handler<_, _>` errors) are not reported. That holds
//! for a step refused for want of an impl, not for an impl whose bounds fail (rustc
//! normalizes through the only impl and reports its bounds apart): so what
//! `Handler::layer` needs of a layer is checked in step 1, among several impls, where
//! rustc weighs the bounds.
//!
//! `Self` is `L` in every step and `L` is inferred, so rustc reports the unmet bound on
//! the argument, the user's expression (`cors_routes!` spans the call alike, so that the
//! same bound met again through the return type is reported once). `N` is a type named
//! like the user's fn (`cors_routes!` declares `struct require_auth {}` beside the call),
//! so the message can say `middleware::from_fn(require_auth)`.
//!
//! Trait bounds rather than a const panic: a panic's error quotes `core`'s source where
//! the `rust-src` component is installed.

use std::convert::Infallible;
use std::marker::PhantomData;

use axum::extract::{Request, State};
use axum::middleware::{FromFnLayer, Next};
use axum::response::IntoResponse;
use axum::routing::Route;
use tower_layer::Layer;
use tower_service::Service;

/// The name in the messages when the layer is not written as a path.
#[allow(non_camel_case_types)]
pub struct your_fn {}

/// Carries `N`, the type named like the layer expression, so that the layer's own type
/// and the steps' answers are inferred: a turbofish naming them would be where rustc
/// points instead of the argument.
pub struct CheckLayer<N>(PhantomData<N>);

type AfterPlainFn<L, N, A> = <L as NotAPlainFn<N, A>>::Next;
type AfterMiddlewareFn<L, N, A> = <L as NotAMiddlewareFn<N, AfterPlainFn<L, N, A>>>::Next;
type AfterStatefulFn<L, N, A> =
    <L as NotAStatefulMiddlewareFn<N, AfterMiddlewareFn<L, N, A>>>::Next;
type AfterFromFn<L, N, A> = <L as NotFromFnTakingState<AfterStatefulFn<L, N, A>>>::Next;
type ServiceError<L, N, A> = <L as LayerService<AfterFromFn<L, N, A>>>::Error;

impl<N> CheckLayer<N> {
    /// `layer`, unchanged, when it can run inside the policy; see the module's docs.
    #[allow(clippy::type_complexity)]
    pub fn inside_policy<L, A>(layer: L) -> <L as NeverFails<ServiceError<L, N, A>>>::Layer
    where
        L: Shape<A>
            + NotAPlainFn<N, A>
            + NotAMiddlewareFn<N, AfterPlainFn<L, N, A>>
            + NotAStatefulMiddlewareFn<N, AfterMiddlewareFn<L, N, A>>
            + NotFromFnTakingState<AfterStatefulFn<L, N, A>>
            + LayerService<AfterFromFn<L, N, A>>
            + NeverFails<ServiceError<L, N, A>>,
    {
        NeverFails::pass(layer)
    }
}

/// What [`Shape`] found: a tower layer.
pub struct IsLayer;
/// What [`NotAPlainFn`] found: a fn taking `Next` last, whose first parameter is `First`.
pub struct MiddlewareFn<First>(PhantomData<First>);
/// What [`NotAMiddlewareFn`] found: a middleware fn taking `State` first.
pub struct StatefulMiddlewareFn;
/// What [`Shape`] found: `middleware::from_fn(f)` of an `f` taking `State` first
/// (`Params`: its parameters).
pub struct FromFnTakingState<Params>(PhantomData<Params>);
/// Never an answer: the second impl of a step, so that an unknown input stays unknown.
pub enum Unreachable {}
/// Never an answer either: step 6's impl for a layer has bounds, which rule it out for
/// what is not a layer, so that step needs two more impls to stay undecided.
pub enum AlsoUnreachable {}

/// Step 1: a tower layer `Handler::layer` takes ([`IsLayer`]), or a fn (`A`: its
/// parameters). What `Handler::layer` needs of a layer is checked here, among the impls,
/// so that a layer it cannot take has no answer and nothing after it is reported; all
/// but its service's error type, which step 7 names.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a layer `cors_routes!` can run inside the policy: `layers = [..]` takes tower layers and axum middleware",
    label = "not a layer axum's `Handler::layer` takes",
    note = "such a layer is `Clone + Send + Sync + 'static`, and its service takes an axum `Request`, answers with a response and is `Clone + Send`: axum's `middleware::from_fn(f)` (`f` taking the request and `Next` last, its extractors needing no state: `from_fn_with_state(state, f)` for `State`), `from_extractor`, tower-http's `TimeoutLayer::with_status_code(..)`, `CatchPanicLayer`, ..."
)]
pub trait Shape<A> {}

#[diagnostic::do_not_recommend]
impl<L> Shape<IsLayer> for L
where
    L: Layer<Route> + Clone + Send + Sync + 'static,
    L::Service: Service<Request> + Clone + Send + 'static,
    <L::Service as Service<Request>>::Response: IntoResponse,
    <L::Service as Service<Request>>::Future: Send,
{
}

/// `Shape<FromFnTakingState<..>>` for `middleware::from_fn(f)` of every `f` taking
/// `State<S>` first: that layer is not one `Handler::layer` takes (`from_fn` gives its fn
/// no state), and step 5 says so.
macro_rules! from_fn_taking_state {
    ($(($($arg:ident),*))*) => {$(
        #[diagnostic::do_not_recommend]
        impl<F, T, R, S, $($arg),*> Shape<FromFnTakingState<(S, $($arg,)*)>> for FromFnLayer<F, (), T>
        where
            F: FnOnce(State<S>, $($arg),*) -> R,
        {
        }
    )*};
}

from_fn_taking_state! {
    (A2, A3)
    (A2, A3, A4)
    (A2, A3, A4, A5)
    (A2, A3, A4, A5, A6)
    (A2, A3, A4, A5, A6, A7)
    (A2, A3, A4, A5, A6, A7, A8)
}

/// `Shape<(A, B, ..)>` for every fn taking `A, B, ..`.
macro_rules! fn_shapes {
    ($(($($arg:ident),*))*) => {$(
        #[diagnostic::do_not_recommend]
        impl<F, R, $($arg),*> Shape<($($arg,)*)> for F where F: FnOnce($($arg),*) -> R {}
    )*};
}

fn_shapes! {
    ()
    (A1)
    (A1, A2)
    (A1, A2, A3)
    (A1, A2, A3, A4)
    (A1, A2, A3, A4, A5)
    (A1, A2, A3, A4, A5, A6)
    (A1, A2, A3, A4, A5, A6, A7)
    (A1, A2, A3, A4, A5, A6, A7, A8)
}

/// Step 2: a layer, or a fn taking `Next` last (a middleware fn); any other fn is refused.
#[diagnostic::on_unimplemented(
    message = "`{N}` is a fn, not a layer: `layers = [..]` takes tower layers and axum middleware",
    label = "a fn, not a layer",
    note = "a middleware fn takes the request and `Next` last, `async fn {N}(request: Request, next: Next) -> Response`, and goes in `layers` as `middleware::from_fn({N})`; a handler to mount goes before the `;`"
)]
pub trait NotAPlainFn<N, A> {
    /// The input of the next step.
    type Next;
}

#[diagnostic::do_not_recommend]
impl<L, N> NotAPlainFn<N, IsLayer> for L {
    type Next = IsLayer;
}

#[diagnostic::do_not_recommend]
impl<L, N, P> NotAPlainFn<N, FromFnTakingState<P>> for L {
    type Next = FromFnTakingState<P>;
}

/// `NotAPlainFn<N, (A1, .., Next)>` for every middleware fn's parameters.
macro_rules! middleware_fns {
    ($(($first:ident $(, $arg:ident)*))*) => {$(
        #[diagnostic::do_not_recommend]
        impl<L, N, $first, $($arg),*> NotAPlainFn<N, ($first, $($arg,)* Next)> for L {
            type Next = MiddlewareFn<$first>;
        }

        // A second impl for each number of parameters, so that a fn's parameters are
        // matched with `Next` only once rustc knows them.
        #[diagnostic::do_not_recommend]
        impl<L, N, $first, $($arg),*> NotAPlainFn<N, ($first, $($arg,)* Unreachable)> for L {
            type Next = Unreachable;
        }
    )*};
}

middleware_fns! {
    (A1)
    (A1, A2)
    (A1, A2, A3)
    (A1, A2, A3, A4)
    (A1, A2, A3, A4, A5)
    (A1, A2, A3, A4, A5, A6)
    (A1, A2, A3, A4, A5, A6, A7)
}

/// Step 3: a middleware fn is refused, unless it takes `State` first (step 4 says more).
#[diagnostic::on_unimplemented(
    message = "`{N}` is a middleware fn, not a layer: write `middleware::from_fn({N})`",
    label = "write `middleware::from_fn({N})`",
    note = "`axum::middleware::from_fn` makes a layer of an `async fn(request: Request, next: Next) -> Response`; use `from_fn_with_state(state, {N})` if one of its extractors is `State`"
)]
pub trait NotAMiddlewareFn<N, K> {
    /// The input of the next step.
    type Next;
}

#[diagnostic::do_not_recommend]
impl<L, N> NotAMiddlewareFn<N, IsLayer> for L {
    type Next = IsLayer;
}

#[diagnostic::do_not_recommend]
impl<L, N, P> NotAMiddlewareFn<N, FromFnTakingState<P>> for L {
    type Next = FromFnTakingState<P>;
}

#[diagnostic::do_not_recommend]
impl<L, N, S> NotAMiddlewareFn<N, MiddlewareFn<State<S>>> for L {
    type Next = StatefulMiddlewareFn;
}

// A second impl for a middleware fn, so that its first parameter is matched with `State`
// only once rustc knows it.
#[diagnostic::do_not_recommend]
impl<L, N> NotAMiddlewareFn<N, MiddlewareFn<Unreachable>> for L {
    type Next = Unreachable;
}

/// Step 4: a middleware fn taking `State` is refused.
#[diagnostic::on_unimplemented(
    message = "`{N}` is a middleware fn taking `State`, not a layer: write `middleware::from_fn_with_state(state, {N})`",
    label = "write `middleware::from_fn_with_state(state, {N})`",
    note = "`axum::middleware::from_fn_with_state` makes a layer of an `async fn(State(state): State<AppState>, request: Request, next: Next) -> Response`, given the state"
)]
pub trait NotAStatefulMiddlewareFn<N, K> {
    /// The input of the next step.
    type Next;
}

#[diagnostic::do_not_recommend]
impl<L, N> NotAStatefulMiddlewareFn<N, IsLayer> for L {
    type Next = IsLayer;
}

#[diagnostic::do_not_recommend]
impl<L, N> NotAStatefulMiddlewareFn<N, Unreachable> for L {
    type Next = Unreachable;
}

#[diagnostic::do_not_recommend]
impl<L, N, P> NotAStatefulMiddlewareFn<N, FromFnTakingState<P>> for L {
    type Next = FromFnTakingState<P>;
}

/// Step 5: `middleware::from_fn(f)` of an `f` taking `State` is refused.
#[diagnostic::on_unimplemented(
    message = "`middleware::from_fn` gives its fn no state, and this one takes `State`: write `middleware::from_fn_with_state(state, ..)`",
    label = "write `middleware::from_fn_with_state(state, ..)`",
    note = "`axum::middleware::from_fn_with_state(state, f)` makes a layer of an `async fn f(State(state): State<AppState>, request: Request, next: Next) -> Response`"
)]
pub trait NotFromFnTakingState<K> {
    /// The input of the next step.
    type Next;
}

#[diagnostic::do_not_recommend]
impl<L> NotFromFnTakingState<IsLayer> for L {
    type Next = IsLayer;
}

#[diagnostic::do_not_recommend]
impl<L> NotFromFnTakingState<Unreachable> for L {
    type Next = Unreachable;
}

/// Step 6: the error type of a layer's service, for step 7 (what else `Handler::layer`
/// needs was checked by step 1). It has no message: it holds for every layer step 1
/// lets through.
pub trait LayerService<K> {
    /// The error type of the layer's service.
    type Error;
}

#[diagnostic::do_not_recommend]
impl<L> LayerService<IsLayer> for L
where
    L: Layer<Route>,
    L::Service: Service<Request>,
{
    type Error = <L::Service as Service<Request>>::Error;
}

#[diagnostic::do_not_recommend]
impl<L> LayerService<Unreachable> for L {
    type Error = Unreachable;
}

#[diagnostic::do_not_recommend]
impl<L> LayerService<AlsoUnreachable> for L {
    type Error = Unreachable;
}

/// Step 7: the layer's service never fails, as `Handler::layer` requires.
#[diagnostic::on_unimplemented(
    message = "`{Self}` can fail, and a layer inside the policy must not: its service's `Error` must be `Infallible`, not `{E}`",
    label = "a service that can fail",
    note = "every failure must become a response, which then carries the policy's CORS headers; for a timeout use tower-http's `TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, ..)`; otherwise turn the errors into responses with axum's `HandleErrorLayer`: `ServiceBuilder::new().layer(HandleErrorLayer::new(handle_error)).layer(..)`"
)]
pub trait NeverFails<E> {
    /// The layer, for `Handler::layer`.
    type Layer;

    /// The layer, unchanged.
    fn pass(self) -> Self::Layer;
}

#[diagnostic::do_not_recommend]
impl<L> NeverFails<Infallible> for L {
    type Layer = L;

    fn pass(self) -> L {
        self
    }
}

#[diagnostic::do_not_recommend]
impl<L> NeverFails<Unreachable> for L {
    type Layer = Unreachable;

    fn pass(self) -> Unreachable {
        unreachable!("`Unreachable` is never the error type of a checked layer")
    }
}
