//! The annotated item: only what the expansion needs (the fn's visibility and name) is
//! parsed; the signature is read to find them and the body stays unparsed tokens.

use proc_macro2::{TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Ident, Token, Visibility};

/// A fn carrying `#[cors]`.
pub struct Handler {
    pub vis: Visibility,
    pub name: Ident,
}

impl Parse for Handler {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let is_fn = input.peek(Token![fn])
            || input.peek(Token![async])
            || input.peek(Token![unsafe])
            || input.peek(Token![extern])
            // `const fn`, not a `const X: T = ...;` item.
            || (input.peek(Token![const])
                && (input.peek2(Token![fn]) || input.peek2(Token![unsafe]) || input.peek2(Token![extern])));
        if !is_fn {
            return Err(not_a_fn(input));
        }
        let signature: syn::Signature = input.parse()?;
        // The body (or `;`) is kept as tokens; rustc reports what is wrong in it.
        input.parse::<TokenStream>()?;
        Ok(Handler {
            vis,
            name: signature.ident,
        })
    }
}

/// "`#[cors]` goes on an axum handler `fn`, not on a `struct`", on the item's keyword.
fn not_a_fn(input: ParseStream) -> syn::Error {
    let keyword = input.cursor().token_tree().map(|(tree, _)| tree);
    let what = match &keyword {
        Some(TokenTree::Ident(word)) => match word.to_string().as_str() {
            "impl" => "an `impl` block".to_owned(),
            "enum" => "an `enum`".to_owned(),
            word @ ("struct" | "const" | "static" | "mod" | "trait" | "type" | "use") => {
                format!("a `{word}`")
            }
            _ => "this item".to_owned(),
        },
        _ => "this item".to_owned(),
    };
    let message =
        format!("`#[cors]` goes on an axum handler `fn`, not on {what}; move it onto the handler");
    match keyword {
        Some(tree) => syn::Error::new(tree.span(), message),
        None => input.error(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn a_fn_gives_its_name_and_visibility_and_the_body_is_not_parsed() {
        let handler: Handler =
            syn::parse2(quote!(#[doc = "x"] pub(crate) async fn list() -> u8 { this is not rust }))
                .unwrap();
        assert_eq!(handler.name, "list");
        assert!(matches!(handler.vis, Visibility::Restricted(_)));
        let handler: Handler = syn::parse2(quote!(
            const fn f() {}
        ))
        .unwrap();
        assert_eq!(handler.name, "f");
    }

    #[test]
    fn other_items_are_named_in_the_error() {
        for (item, what) in [
            (
                quote!(
                    struct S;
                ),
                "a `struct`",
            ),
            (
                quote!(
                    pub enum E {}
                ),
                "an `enum`",
            ),
            (quote!(impl S {}), "an `impl` block"),
            (
                quote!(
                    const X: u8 = 1;
                ),
                "a `const`",
            ),
            (
                quote!(
                    macro_rules! m {}
                ),
                "this item",
            ),
        ] {
            let error = syn::parse2::<Handler>(item).err().unwrap();
            assert!(error.to_string().contains(what), "{error}");
        }
    }
}
