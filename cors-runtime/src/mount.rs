//! What stands in the name of a `#[cors]` handler, so that it cannot be routed without
//! its policy (an annotation that silently did nothing would serve the handler with no
//! CORS at all): in the value namespace the name is a fn taking
//! [`MountWithCorsRoutes`], which is not an axum handler, so `get(name)` does not compile;
//! the handler itself is `name::handler`, which `cors_routes!` mounts.
//!
//! A fn rather than a constant: a `let name = ...;` in the same scope stays a new binding
//! (a constant would turn it into a pattern).

/// The argument of the fn that stands in a `#[cors]` handler's name. It has no value, so
/// that fn cannot be called, and no extractor takes it, so axum's `get(name)`,
/// `post(name)`, `any(name)` and `MethodRouter::on(.., name)` are compile errors, whose
/// text names this type: mount the handler with `cors_routes!`. (Not a `#[deprecated]`
/// note on the name: importing the name with `use` would warn too, in correct code.)
pub enum MountWithCorsRoutes {}

/// The check behind `cors_routes!`, for each name in the list:
/// `annotated(Probe::new(name).probe())`. Method lookup picks `Probe`'s own `probe` for
/// the fn `#[cors]` leaves in a handler's name (it takes a [`MountWithCorsRoutes`]; no
/// other fn does) and otherwise falls back, one dereference later, to
/// [`Unannotated::probe`], whose result [`annotated`] refuses with the message below, on
/// the name. Both are inherent methods, so the expansion brings no trait into scope. (A
/// trait bound on the fn itself would be reported as a signature mismatch.)
pub struct Probe<F>(Unannotated<F>);

impl<F> Probe<F> {
    /// Wraps the value a name in `cors_routes!` stands for.
    pub const fn new(name: F) -> Self {
        Probe(Unannotated(name))
    }
}

impl<F: Fn(MountWithCorsRoutes)> Probe<F> {
    /// The name is a `#[cors]` handler's.
    pub fn probe(&self) -> HasCors {
        HasCors
    }
}

impl<F> std::ops::Deref for Probe<F> {
    type Target = Unannotated<F>;

    fn deref(&self) -> &Unannotated<F> {
        &self.0
    }
}

/// Where [`Probe`] falls back to for anything but a `#[cors]` handler's name.
pub struct Unannotated<F>(F);

impl<F> Unannotated<F> {
    /// The name is not a `#[cors]` handler's.
    pub fn probe(&self) -> NoCorsAttribute<F> {
        NoCorsAttribute(std::marker::PhantomData)
    }
}

/// What probing a `#[cors]` handler's name gives.
pub struct HasCors;

/// What probing anything else gives: `F` is its type, shown in the error.
pub struct NoCorsAttribute<F>(std::marker::PhantomData<F>);

/// Implemented by [`HasCors`] alone.
#[diagnostic::on_unimplemented(
    message = "`cors_routes!` mounts `#[cors]` handlers only: put `#[cors(origins = [..], methods = [..])]` on this fn, or route it with axum's `get`/`post` outside `cors_routes!`",
    label = "this has no `#[cors]` attribute"
)]
pub trait CorsAttribute {}

impl CorsAttribute for HasCors {}

/// Refuses what [`Probe`] found not to be a `#[cors]` handler's name.
pub const fn annotated<T: CorsAttribute>(probed: T) {
    std::mem::forget(probed);
}

/// `Id::<P>::handler` names `P`'s fn through a type argument: for a path that is not a
/// `#[cors]` handler this is a type error reported after [`annotated`]'s, where
/// `<P>::handler` would be a name-resolution error reported before it.
pub type Id<T> = T;
