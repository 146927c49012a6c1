//! Expansion: the handler fn unchanged, plus a braced struct of the same name (type
//! namespace only) whose `CorsHandler` impl points at the policy in a `static` (a
//! constant, not a fn: nothing to generate code for per handler), built by the runtime's
//! `const fn` constructors. Fully qualified paths only, so nothing is brought
//! into the user's scope. `cargo expand` shows, beside the untouched fn:
//!
//! ```text
//! #[doc(hidden)]
//! #[allow(non_camel_case_types, dead_code)]
//! struct list_users {}
//! impl ::cors_runtime::CorsHandler for list_users {
//!     const METHODS: ::cors_runtime::__private::MethodSet = ::cors_runtime::__private::MethodSet::GET;
//!     const POLICY: &'static ::cors_runtime::__private::Policy = {
//!         static POLICY: ::cors_runtime::__private::Policy = ...::Policy::new("list_users", ...::MethodSet::GET)
//!             .origins(&[...::AllowedOrigin::exact(...::Scheme::Https, "app.example.com")]);
//!         &POLICY
//!     };
//! }
//! ```

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use cors_rules::origin::Scheme;

use crate::item::Handler;
use crate::model::{Names, Origin, Origins, Policy, Unset};

/// The fn as written, then the items that carry its policy.
pub fn expand(item: TokenStream, handler: &Handler, policy: &Policy) -> TokenStream {
    let Handler { vis, name } = handler;
    let krate = &policy.krate;
    let private = quote!(#krate::__private);
    // `MethodSet::GET.union(MethodSet::POST)`: constants, cheaper to evaluate than a slice.
    let mut methods = policy
        .methods
        .iter()
        .map(|m| format_ident!("{}", m.as_str()))
        .map(|m| quote!(#private::MethodSet::#m));
    let methods = match methods.next() {
        Some(first) => quote!(#first #(.union(#methods))*),
        None => quote!(#private::MethodSet::EMPTY),
    };
    let name_text = name.to_string();
    let keys = keys(policy, &private);
    quote! {
        #item

        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #name {}

        impl #krate::CorsHandler for #name {
            const METHODS: #private::MethodSet = #methods;

            const POLICY: &'static #private::Policy = {
                // The methods again rather than `<#name as CorsHandler>::METHODS`: a
                // constant is cheaper for the compiler than a trait projection.
                static POLICY: #private::Policy =
                    #private::Policy::new(#name_text, #methods)
                        #(#keys)*;
                &POLICY
            };
        }
    }
}

/// One `.key(...)` call per key the policy sets.
fn keys(policy: &Policy, private: &TokenStream) -> Vec<TokenStream> {
    let mut keys = Vec::new();
    keys.push(match &policy.origins {
        Origins::Any => quote!(.any_origin()),
        Origins::List(list) => {
            let entries = list.iter().map(|origin| origin_tokens(origin, private));
            quote!(.origins(&[#(#entries),*]))
        }
    });
    match &policy.headers {
        Names::None => {}
        Names::Any => keys.push(quote!(.any_header())),
        Names::AnyAndAuthorization => keys.push(quote!(.any_header_and_authorization())),
        Names::List(names) => keys.push(quote!(.headers(&[#(#names),*]))),
    }
    match &policy.expose {
        // Validation allows `["*", "authorization"]` in `headers` only.
        Names::None | Names::AnyAndAuthorization => {}
        Names::Any => keys.push(quote!(.expose_any())),
        Names::List(names) => keys.push(quote!(.expose(&[#(#names),*]))),
    }
    if policy.credentials {
        keys.push(quote!(.credentials()));
    }
    if let Some(seconds) = policy.max_age {
        let seconds = Literal::u32_unsuffixed(seconds);
        keys.push(quote!(.max_age(#seconds)));
    }
    if policy.private_network {
        keys.push(quote!(.private_network()));
    }
    if policy.strict {
        keys.push(quote!(.strict()));
    }
    if policy.allow_insecure_origins {
        keys.push(quote!(.allow_insecure_origins()));
    }
    keys
}

fn origin_tokens(origin: &Origin, private: &TokenStream) -> TokenStream {
    let scheme = |scheme: &Scheme| match scheme {
        Scheme::Http => quote!(#private::Scheme::Http),
        Scheme::Https => quote!(#private::Scheme::Https),
    };
    // `exact(scheme, host)` or `exact_with_port(scheme, host, port)`; the same for
    // `subdomains`: a port argument only when there is a port.
    let with_port = |constructor: &str, s: &Scheme, text: &str, port: &Option<u16>| {
        let s = scheme(s);
        match port {
            None => {
                let constructor = format_ident!("{constructor}");
                quote!(#private::AllowedOrigin::#constructor(#s, #text))
            }
            Some(port) => {
                let constructor = format_ident!("{constructor}_with_port");
                let port = Literal::u16_unsuffixed(*port);
                quote!(#private::AllowedOrigin::#constructor(#s, #text, #port))
            }
        }
    };
    match origin {
        Origin::Exact { scheme, host, port } => with_port("exact", scheme, host, port),
        Origin::Subdomains {
            scheme,
            domain,
            port,
        } => with_port("subdomains", scheme, domain, port),
        Origin::AnyPort { scheme: s, host } => {
            let s = scheme(s);
            quote!(#private::AllowedOrigin::any_port(#s, #host))
        }
        Origin::Env {
            name,
            unset: Unset::Required,
        } => quote!(#private::AllowedOrigin::env(#name)),
        Origin::Env {
            name,
            unset: Unset::Optional,
        } => quote!(#private::AllowedOrigin::env_optional(#name)),
        Origin::Env {
            name,
            unset: Unset::Default(origins),
        } => {
            let origins = origins.iter().map(|origin| origin_tokens(origin, private));
            quote!(#private::AllowedOrigin::env_or(#name, &[#(#origins),*]))
        }
        Origin::FromFn(path) => {
            // Spanned on the path, so a function returning something other than a list
            // of origins is reported there.
            let call = quote_spanned!(path.span()=> #path());
            quote!(#private::AllowedOrigin::from_fn(|| #private::origin_list(#call)))
        }
    }
}
