//! The `#[cors]` attribute. Use it through `cors-runtime`, which re-exports it.
//!
//! This file is a thin shim: [`cors`] hands its tokens to [`attribute::expand`], which
//! works on `proc_macro2` streams so unit tests can call it in-process.

use proc_macro::TokenStream;

mod ast;
mod attribute;
mod expand;
mod valid;

#[cfg(test)]
mod snapshots;

/// Puts a CORS policy on an axum handler; see `cors-runtime` for the documentation.
#[proc_macro_attribute]
pub fn cors(attr: TokenStream, item: TokenStream) -> TokenStream {
    attribute::expand(attr.into(), item.into()).into()
}
