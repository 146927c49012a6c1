//! `#[cors(...)]` on an item, from tokens to tokens: parse the attribute and the item's
//! signature, validate, expand, and on error re-emit the item with every
//! `compile_error!` beside it (and a stub policy, so no secondary error follows).

use proc_macro2::{Span, TokenStream};

use crate::{ast, expand, item, valid};

/// The expansion of `#[cors(attr)] item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    // The policy borrows its origins from the parsed arguments.
    let args = syn::parse2::<ast::Args>(attr.clone());
    let validated = match &args {
        Ok(args) => valid::validate(args, &attr, Span::call_site(), valid::Mode::Handler),
        Err(error) => valid::Validated {
            policy: crate::model::Policy::stub(crate::model::default_krate()),
            errors: Some(error.clone()),
        },
    };
    let (expanded, item_error) = match item::parse(item.clone()) {
        Ok(handler) => (expand::expand(&handler, &validated.policy), None),
        Err(not_a_handler) => {
            let item = not_a_handler.item.map_or(item, |item| *item);
            let out = match &not_a_handler.stub_name {
                Some((vis, name)) => expand::stub(vis, name, item, &validated.policy.krate),
                None => item,
            };
            (out, Some(not_a_handler.error))
        }
    };
    let errors = match (item_error, validated.errors) {
        // Not a fn: the attribute's own mistakes would only add noise.
        (Some(item_error), _) => Some(item_error),
        (None, errors) => errors,
    };
    match errors {
        None => expanded,
        Some(error) => with_error(expanded, error),
    }
}

fn with_error(mut tokens: TokenStream, error: syn::Error) -> TokenStream {
    tokens.extend(error.into_compile_error());
    tokens
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn on_error_the_fn_and_a_stub_are_still_emitted_beside_every_error() {
        let out = super::expand(
            quote!(
                origins = ["https://a.example/"],
                methods = [get],
                crate = renamed
            ),
            quote!(
                async fn list() {}
            ),
        )
        .to_string();
        assert!(
            out.contains("impl list { async fn handler () { } }"),
            "{out}"
        );
        assert!(
            out.contains("impl renamed :: CorsHandler for list"),
            "{out}"
        );
        assert!(out.contains("MethodSet :: EMPTY ;"), "{out}");
        assert_eq!(out.matches("compile_error !").count(), 2, "{out}");
    }

    #[test]
    fn not_a_fn_is_one_error_and_the_item_is_kept() {
        let out = super::expand(
            quote!(methods = [GET]),
            quote!(
                struct S;
            ),
        )
        .to_string();
        assert!(out.starts_with("struct S ;"), "{out}");
        assert_eq!(out.matches("compile_error !").count(), 1, "{out}");
        assert!(!out.contains("CorsHandler"), "{out}");
    }
}
