//! Expansion: the handler fn unchanged, plus a braced struct of the same name (type
//! namespace only) whose `CorsHandler` impl holds the policy as one `const` of plain data.
//!
//! `cargo expand` shows, beside the untouched fn:
//!
//! ```text
//! #[doc(hidden)]
//! #[allow(non_camel_case_types, dead_code)]
//! struct list_users {}
//! const _: () = {
//!     use ::cors_runtime::{AllowHeaders, AllowedOrigin, CorsHandler, CorsMethod, Origins, Policy};
//!     use ::core::option::Option::{None, Some};
//!     impl CorsHandler for list_users {
//!         const POLICY: &'static Policy = &Policy {
//!             handler: "list_users",
//!             origins: Origins::List(&[AllowedOrigin::Exact("https://app.example.com")]),
//!             methods: &[CorsMethod::Get],
//!             ...
//! ```

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Visibility};

use cors_rules::method::CorsMethod;

use crate::valid::{Names, Origin, Origins, Policy};

/// `policy` is `None` when validation failed: the fn and a stub policy (allowing nothing)
/// are still emitted so the router code using the handler compiles and no secondary
/// error follows.
pub fn expand(
    item: TokenStream,
    vis: &Visibility,
    name: &Ident,
    policy: Option<&Policy>,
) -> TokenStream {
    let policy = policy_tokens(name, policy.unwrap_or(&STUB));
    quote! {
        #item

        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #name {}

        const _: () = {
            use ::cors_runtime::{AllowHeaders, AllowedOrigin, CorsHandler, CorsMethod, Origins, Policy};
            use ::cors_runtime::__private::{CompiledCell, CompiledPolicy};
            use ::core::option::Option::{None, Some};

            impl CorsHandler for #name {
                const POLICY: &'static Policy = &#policy;

                fn compiled() -> &'static CompiledPolicy {
                    static COMPILED: CompiledCell = CompiledCell::new();
                    COMPILED.get(Self::POLICY)
                }
            }
        };
    }
}

/// Emitted beside the compile errors: no origin, no method.
const STUB: Policy = Policy {
    origins: Origins::List(Vec::new()),
    methods: Vec::new(),
    headers: Names::None,
    expose: Names::None,
    credentials: false,
    max_age: None,
    private_network: false,
    strict: false,
    allow_insecure_origins: false,
};

fn policy_tokens(name: &Ident, policy: &Policy) -> TokenStream {
    let handler = name.to_string();
    let origins = match &policy.origins {
        Origins::Any => quote!(Origins::Any),
        Origins::List(list) => {
            let entries = list.iter().map(|origin| match origin {
                Origin::Exact(origin) => quote!(AllowedOrigin::Exact(#origin)),
                Origin::Pattern(pattern) => quote!(AllowedOrigin::Pattern(#pattern)),
                Origin::Env(name) => quote!(AllowedOrigin::Env(#name)),
                Origin::FromFn(path) => {
                    // Spanned on the path, so a function returning something other than
                    // a list of origins is reported there.
                    let call = quote_spanned!(path.span()=> #path());
                    quote! {
                        AllowedOrigin::FromFn(|| ::cors_runtime::__private::origin_list(#call))
                    }
                }
            });
            quote!(Origins::List(&[#(#entries),*]))
        }
    };
    let mut methods = policy.methods.clone();
    methods.sort();
    let method_variants = methods.iter().map(|m| format_ident!("{m:?}"));
    let allow_methods = allow_methods(&methods);
    let allow_headers = match &policy.headers {
        Names::None => quote!(AllowHeaders::None),
        Names::Any => quote!(AllowHeaders::Any),
        Names::List(list) => {
            let names = sorted(list);
            let value = names.join(", ");
            quote!(AllowHeaders::List { names: &[#(#names),*], value: #value })
        }
    };
    let expose = match &policy.expose {
        Names::None => quote!(None),
        Names::Any => quote!(Some("*")),
        Names::List(list) => {
            let value = sorted(list).join(", ");
            quote!(Some(#value))
        }
    };
    let max_age = match policy.max_age {
        Some(seconds) => {
            let value = seconds.to_string();
            quote!(Some(#value))
        }
        None => quote!(None),
    };
    let credentials = policy.credentials;
    let private_network = policy.private_network;
    let strict = policy.strict;
    let allow_insecure_origins = policy.allow_insecure_origins;
    quote! {
        Policy {
            handler: #handler,
            origins: #origins,
            methods: &[#(CorsMethod::#method_variants),*],
            allow_methods: #allow_methods,
            allow_headers: #allow_headers,
            expose_headers: #expose,
            credentials: #credentials,
            max_age: #max_age,
            private_network: #private_network,
            strict: #strict,
            allow_insecure_origins: #allow_insecure_origins,
        }
    }
}

/// The preflight's `Access-Control-Allow-Methods`: the routed methods, plus HEAD when GET
/// is routed (axum answers HEAD with the GET handler).
fn allow_methods(sorted_methods: &[CorsMethod]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for &m in sorted_methods {
        names.push(m.as_str());
        if m == CorsMethod::Get && !sorted_methods.contains(&CorsMethod::Head) {
            names.push(CorsMethod::Head.as_str());
        }
    }
    names.join(", ")
}

fn sorted(list: &[String]) -> Vec<&str> {
    let mut sorted: Vec<&str> = list.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted
}
