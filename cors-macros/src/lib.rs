//! The `#[cors]` attribute. Use it through `cors-runtime`, which re-exports it.
//!
//! The pipeline follows serde_derive and thiserror: `ast` parses the attribute keeping
//! every span, `valid` checks every rule and collects all errors, `expand` writes
//! the policy `const` beside the untouched handler fn.

use proc_macro::TokenStream;
use proc_macro2::Span;

mod ast;
mod expand;
mod valid;

/// Puts a CORS policy on an axum handler; see `cors-runtime` for the documentation.
#[proc_macro_attribute]
pub fn cors(attr: TokenStream, item: TokenStream) -> TokenStream {
    let original = proc_macro2::TokenStream::from(item.clone());
    let function = match syn::parse::<syn::Item>(item) {
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
            return error_with(original, error);
        }
        Err(error) => return error_with(original, error),
    };
    let attr = proc_macro2::TokenStream::from(attr);
    let policy = syn::parse2::<ast::Args>(attr.clone())
        .and_then(|args| valid::validate(&args, &attr, Span::call_site()));
    let expanded = expand::expand(
        original,
        &function.vis,
        &function.sig.ident,
        policy.as_ref().ok(),
    );
    match policy {
        Ok(_) => expanded.into(),
        Err(error) => error_with(expanded, error),
    }
}

fn error_with(tokens: proc_macro2::TokenStream, error: syn::Error) -> TokenStream {
    let error = error.into_compile_error();
    quote::quote!(#tokens #error).into()
}

/// "a `struct`", "an `impl` block", ...: what the attribute was put on.
fn describe(keyword: &proc_macro2::TokenStream) -> String {
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
fn item_keyword(item: &syn::Item) -> proc_macro2::TokenStream {
    use quote::ToTokens;
    let mut tokens = proc_macro2::TokenStream::new();
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
