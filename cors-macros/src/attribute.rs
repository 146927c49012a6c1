//! `#[cors(...)]` on an item, from tokens to tokens: parse, validate, expand, and on error
//! re-emit the item with every `compile_error!` beside it.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

use crate::{ast, expand, valid};

/// The expansion of `#[cors(attr)] item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let function = match syn::parse2::<syn::Item>(item.clone()) {
        Ok(syn::Item::Fn(function)) => function,
        Ok(other) => {
            let keyword = item_keyword(&other);
            let error = syn::Error::new_spanned(
                &keyword,
                format!(
                    "`#[cors]` goes on an axum handler `fn`, not on {}; move it onto the handler",
                    describe(&keyword)
                ),
            );
            return with_error(item, error);
        }
        Err(error) => return with_error(item, error),
    };
    let policy = syn::parse2::<ast::Args>(attr.clone())
        .and_then(|args| valid::validate(&args, &attr, Span::call_site()));
    let expanded = expand::expand(
        item,
        &function.vis,
        &function.sig.ident,
        policy.as_ref().ok(),
    );
    match policy {
        Ok(_) => expanded,
        Err(error) => with_error(expanded, error),
    }
}

fn with_error(mut tokens: TokenStream, error: syn::Error) -> TokenStream {
    tokens.extend(error.into_compile_error());
    tokens
}

/// "a `struct`", "an `impl` block", ...: what the attribute was put on.
fn describe(keyword: &TokenStream) -> String {
    match keyword.to_string().as_str() {
        "impl" => "an `impl` block".to_owned(),
        "enum" => "an `enum`".to_owned(),
        word @ ("struct" | "const" | "static" | "mod" | "trait" | "type" | "use") => {
            format!("a `{word}`")
        }
        _ => "this item".to_owned(),
    }
}

/// The token naming what kind of item this is (`struct`, `impl`, ...), for the error span.
fn item_keyword(item: &syn::Item) -> TokenStream {
    let mut tokens = TokenStream::new();
    match item {
        syn::Item::Struct(s) => s.struct_token.to_tokens(&mut tokens),
        syn::Item::Enum(e) => e.enum_token.to_tokens(&mut tokens),
        syn::Item::Impl(i) => i.impl_token.to_tokens(&mut tokens),
        syn::Item::Const(c) => c.const_token.to_tokens(&mut tokens),
        syn::Item::Static(s) => s.static_token.to_tokens(&mut tokens),
        syn::Item::Mod(m) => m.mod_token.to_tokens(&mut tokens),
        syn::Item::Trait(t) => t.trait_token.to_tokens(&mut tokens),
        syn::Item::Type(t) => t.type_token.to_tokens(&mut tokens),
        syn::Item::Use(u) => u.use_token.to_tokens(&mut tokens),
        other => other.to_tokens(&mut tokens),
    }
    tokens
}
