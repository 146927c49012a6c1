//! The `#[cors]` attribute. Use it through `cors-runtime`, which re-exports it.
//!
//! This file is a thin shim: [`cors`] hands its tokens to `attribute::expand`, which
//! works on `proc_macro2` streams so unit tests can call it in-process.
//!
//! The pipeline follows serde_derive and thiserror: `ast` parses the attribute keeping
//! every span and `item` reads the fn's signature (its body stays tokens); `valid` checks
//! every rule in one error context (the keys, each key's value, missing keys, then the
//! rules spanning several keys) into the normalised `model`; `expand` only prints the
//! model. A rule between a handler and its shared policy is decided and worded in `valid`
//! too, as a check the model carries for rustc to evaluate: only rustc can read the
//! shared policy's keys. The keys live in one table, `key.rs`; the rules themselves (what
//! a valid origin, method, header name, `max_age` is) live in the `cors-rules` crate,
//! whose checked origin the model keeps.

use proc_macro::TokenStream;

mod ast;
mod attribute;
mod expand;
mod item;
mod key;
mod model;
mod routes;
mod shared;
mod valid;

#[cfg(test)]
mod snapshots;

/// Puts a CORS policy on an axum handler; see `cors-runtime` for the documentation.
#[proc_macro_attribute]
pub fn cors(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::expand(attr.into(), item.into()).into()
}

/// Defines a CORS policy shared by many handlers; see `cors-runtime` for the documentation.
#[proc_macro_attribute]
pub fn cors_policy(attr: TokenStream, item: TokenStream) -> TokenStream {
    shared::expand(attr.into(), item.into()).into()
}

/// `cors_routes![...]` after the runtime's `cors_routes!` has put its own path first;
/// use it through `cors-runtime`.
#[doc(hidden)]
#[proc_macro]
pub fn cors_routes(input: TokenStream) -> TokenStream {
    routes::expand(input.into()).into()
}
