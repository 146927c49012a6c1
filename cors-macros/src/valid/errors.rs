//! Every error of one attribute, collected so one build shows them all, each on the
//! token it is about (serde_derive's `Ctxt`, in small).

use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;

/// Collects every error of one attribute, so one build shows them all.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    /// An error pointing at `tokens` (one token, or the whole range of several).
    pub fn at(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.add(syn::Error::new_spanned(tokens, message));
    }

    pub fn push(&mut self, span: Span, message: impl Display) {
        self.add(syn::Error::new(span, message));
    }

    pub fn add(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// Every error, combined; `None` when there was none.
    pub fn into_error(self) -> Option<syn::Error> {
        self.0
    }
}
