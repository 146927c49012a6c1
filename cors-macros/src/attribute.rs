//! `#[cors(...)]` on an item, from tokens to tokens: parse the attribute and the item's
//! signature, validate, expand, and on error re-emit the item with every
//! `compile_error!` beside it (and a stub policy, so no secondary error follows).

use proc_macro2::{Span, TokenStream};

use crate::{ast, expand, item, valid};

/// The expansion of `#[cors(attr)] item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let handler = match syn::parse2::<item::Handler>(item.clone()) {
        Ok(handler) => handler,
        Err(error) => return with_error(item, error),
    };
    let validated = match syn::parse2::<ast::Args>(attr.clone()) {
        Ok(args) => valid::validate(&args, &attr, Span::call_site()),
        Err(error) => valid::Validated {
            policy: crate::model::Policy::stub(crate::model::default_krate()),
            errors: Some(error),
        },
    };
    let expanded = expand::expand(item, &handler, &validated.policy);
    match validated.errors {
        None => expanded,
        Some(error) => with_error(expanded, error),
    }
}

fn with_error(mut tokens: TokenStream, error: syn::Error) -> TokenStream {
    tokens.extend(error.into_compile_error());
    tokens
}
