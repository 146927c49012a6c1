//! `#[cors_policy(...)]` on a unit struct, from tokens to tokens: the keys are checked by
//! the same `valid` as `#[cors]`'s (in [`Mode::Shared`]: no `methods`, no `policy`), and
//! expanded into the struct's `SharedPolicy` impl, a constant that the handlers naming it
//! start from and that their compile-time checks read.

use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;

use crate::model::{Policy, default_krate};
use crate::valid::{self, Mode, Validated};
use crate::{ast, expand};

/// The expansion of `#[cors_policy(attr)] item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    // The policy borrows its origins from the parsed arguments.
    let args = syn::parse2::<ast::Args>(attr.clone());
    let Validated { policy, errors } = match &args {
        Ok(args) => valid::validate(args, &attr, Span::call_site(), Mode::Shared),
        Err(error) => Validated {
            policy: Policy::stub(default_krate()),
            errors: Some(error.clone()),
        },
    };
    let mut out = item.clone();
    match unit_struct(item) {
        Ok(name) => {
            // On error, the impl of a stub: handlers naming the policy add no second error.
            out.extend(expand::shared_policy(&name, &policy));
            if let Some(error) = errors {
                out.extend(error.into_compile_error());
            }
        }
        Err(error) => out.extend(error.into_compile_error()),
    }
    out
}

/// The name of the unit struct the attribute is on.
fn unit_struct(item: TokenStream) -> syn::Result<syn::Ident> {
    let message = "`#[cors_policy]` goes on a unit struct that names the policy, e.g. `#[cors_policy(origins = [\"https://app.example.com\"])] pub struct SpaPolicy;`";
    match syn::parse2::<syn::ItemStruct>(item) {
        Ok(item) if matches!(item.fields, syn::Fields::Unit) && item.generics.params.is_empty() => {
            Ok(item.ident)
        }
        Ok(item) => Err(syn::Error::new(
            item.ident
                .span()
                .join(item.fields.span())
                .unwrap_or(item.ident.span()),
            message,
        )),
        Err(error) => Err(syn::Error::new(error.span(), message)),
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn a_shared_policy_is_its_struct_and_a_constant_of_its_keys() {
        let out = super::expand(
            quote!(
                origins = ["http://intranet.example"],
                headers = ["content-type"],
                max_age = 60
            ),
            quote!(
                pub struct Intranet;
            ),
        )
        .to_string();
        assert!(out.starts_with("pub struct Intranet ;"), "{out}");
        assert!(
            out.contains("impl :: cors_runtime :: __private :: SharedPolicy for Intranet"),
            "{out}"
        );
        assert!(
            out.contains(". headers (& [\"content-type\"]) . max_age (60) . insecure_origins ()"),
            "{out}"
        );
        assert!(!out.contains("compile_error"), "{out}");
    }

    #[test]
    fn methods_and_a_struct_with_fields_are_refused() {
        let out = super::expand(
            quote!(origins = ["https://a.example"], methods = [GET]),
            quote!(
                struct Spa;
            ),
        )
        .to_string();
        assert!(out.contains("a shared policy has no `methods`"), "{out}");
        let out = super::expand(
            quote!(origins = ["https://a.example"]),
            quote!(
                struct Spa {
                    origins: Vec<String>,
                }
            ),
        )
        .to_string();
        assert!(out.contains("goes on a unit struct"), "{out}");
    }
}
