//! Expansion: the handler fn unchanged, plus a braced struct of the same name (type
//! namespace only) whose `CorsHandler` impl holds the policy as one `const` of plain data.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, Visibility};

use cors_rules::method::CorsMethod;

use crate::valid::{Names, Origins, Policy};

/// `policy` is `None` when validation failed: the fn and a stub policy are still emitted
/// so the router code using the handler compiles and no secondary error follows.
pub fn expand(
    item: TokenStream,
    vis: &Visibility,
    name: &Ident,
    policy: Option<&Policy>,
) -> TokenStream {
    let policy = policy.map_or_else(stub_policy, |p| policy_tokens(name, p));
    quote! {
        #item

        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #name {}

        impl ::cors_runtime::CorsHandler for #name {
            const POLICY: &'static ::cors_runtime::Policy = &#policy;
        }
    }
}

fn policy_tokens(name: &Ident, policy: &Policy) -> TokenStream {
    let handler = name.to_string();
    let origins = match &policy.origins {
        Origins::Any => quote!(::cors_runtime::Origins::Any),
        Origins::Exact(list) => {
            quote!(::cors_runtime::Origins::List(&[#(::cors_runtime::AllowedOrigin::Exact(#list)),*]))
        }
    };
    let mut methods = policy.methods.clone();
    methods.sort();
    let method_idents = methods.iter().map(|m| {
        let variant = Ident::new(&format!("{m:?}"), proc_macro2::Span::call_site());
        quote!(::cors_runtime::CorsMethod::#variant)
    });
    let allow_methods = allow_methods(&methods);
    let allow_headers = match &policy.headers {
        Names::None => quote!(::cors_runtime::AllowHeaders::None),
        Names::Any => quote!(::cors_runtime::AllowHeaders::Any),
        Names::List(list) => {
            let names = sorted(list);
            let value = names.join(", ");
            quote!(::cors_runtime::AllowHeaders::List { names: &[#(#names),*], value: #value })
        }
    };
    let expose = match &policy.expose {
        Names::None => quote!(::core::option::Option::None),
        Names::Any => quote!(::core::option::Option::Some("*")),
        Names::List(list) => {
            let value = sorted(list).join(", ");
            quote!(::core::option::Option::Some(#value))
        }
    };
    let max_age = match policy.max_age {
        Some(seconds) => {
            let value = seconds.to_string();
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    };
    let credentials = policy.credentials;
    let private_network = policy.private_network;
    quote! {
        ::cors_runtime::Policy {
            handler: #handler,
            origins: #origins,
            methods: &[#(#method_idents),*],
            allow_methods: #allow_methods,
            allow_headers: #allow_headers,
            expose_headers: #expose,
            credentials: #credentials,
            max_age: #max_age,
            private_network: #private_network,
            strict: false,
            allow_insecure_origins: false,
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

/// Placeholder policy emitted beside the compile errors; it allows nothing.
fn stub_policy() -> TokenStream {
    quote! {
        ::cors_runtime::Policy {
            handler: "",
            origins: ::cors_runtime::Origins::List(&[]),
            methods: &[],
            allow_methods: "",
            allow_headers: ::cors_runtime::AllowHeaders::None,
            expose_headers: ::core::option::Option::None,
            credentials: false,
            max_age: ::core::option::Option::None,
            private_network: false,
            strict: false,
            allow_insecure_origins: false,
        }
    }
}
