//! Expansion: the handler fn, unchanged, becomes the associated fn `name::handler`
//! (nested in it, when other attributes below `#[cors]` need the fn as written; see
//! `item::Function`), so the name itself is no longer a fn: routing it with axum's
//! `get(name)` is a compile error whose warning says to use `cors_routes![name]` (README,
//! "What `#[cors]` expands to"). Beside it, a braced struct of the same name (type
//! namespace) whose `CorsHandler` impl points at the policy in a `static` built by the
//! runtime's `const fn` constructors. Fully qualified paths only, so nothing is brought
//! into the user's scope. Every decision is `valid`'s, even the checks against a shared
//! policy that rustc makes: this module only prints. `cargo expand` shows:
//!
//! ```text
//! #[doc(hidden)]
//! fn list_users(_: ::cors_runtime::__private::MountWithCorsRoutes) {}
//! #[doc(hidden)]
//! struct list_users {}
//! impl list_users {
//!     async fn handler() -> Json<Vec<User>> { /* as written */ }
//! }
//! impl ::cors_runtime::__private::HandlerSeal for list_users {}
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
use syn::{Ident, Visibility};

use cors_rules::entry::Entry;
use cors_rules::origin::Scheme;
use cors_rules::pattern::OriginPattern;

use crate::item::{Function, Handler};
use crate::model::{CrossKeyCheck, Names, Origin, Origins, Policy, SharedQuestion, Unset};

/// The items that replace the fn: the value, the struct, the forwarding `handler` and the
/// policy.
pub fn expand(handler: &Handler, policy: &Policy) -> TokenStream {
    let Handler {
        vis,
        name,
        docs,
        cfgs,
        function,
        generics,
        inputs,
        output,
    } = handler;
    let krate = &policy.krate;
    let private = quote!(#krate::__private);
    let type_params: Vec<&Ident> = generics.type_params().map(|param| &param.ident).collect();
    // The struct takes the fn's type parameters (a handler generic over its state), unused
    // but for a marker; the value is the struct with `()` for each.
    // Without the fn's bounds: only `impl ... name::handler` needs them.
    let (declared, fields) = if type_params.is_empty() {
        (quote!(), quote!({}))
    } else {
        (
            quote!(<#(#type_params),*>),
            quote!({ __cors_marker: ::core::marker::PhantomData<fn() -> (#(#type_params,)*)> }),
        )
    };
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let handler_fn = handler_fn(vis, name, function, inputs, output);
    let policy_impl = policy_impl(name, &type_params, policy, &private);
    quote! {
        #(#cfgs)*
        #[doc(hidden)]
        #[allow(dead_code)]
        #vis fn #name(_: #private::MountWithCorsRoutes) {}

        #(#cfgs)*
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #name #declared #fields

        #(#cfgs)*
        impl #impl_generics #name #type_generics #where_clause {
            #(#docs)*
            #handler_fn
        }

        #(#cfgs)*
        #policy_impl
    }
}

/// `name::handler`: the fn itself, renamed (its type parameters are the `impl`'s), or,
/// under other attributes, a fn returning the nested fn's future.
fn handler_fn(
    vis: &Visibility,
    name: &Ident,
    function: &Function,
    inputs: &[syn::Type],
    output: &syn::ReturnType,
) -> TokenStream {
    match function {
        Function::Plain { signature, body } => {
            let mut signature = (**signature).clone();
            signature.ident = format_ident!("handler", span = signature.ident.span());
            signature.generics = syn::Generics::default();
            quote!(#vis #signature #body)
        }
        Function::Nested(function) => {
            let args: Vec<Ident> = (0..inputs.len())
                .map(|i| format_ident!("__cors_arg{i}"))
                .collect();
            // Not an `async fn`: returning the fn's own future adds no second state
            // machine per handler (compile time).
            let output = match output {
                syn::ReturnType::Default => quote!(()),
                syn::ReturnType::Type(_, ty) => quote!(#ty),
            };
            quote! {
                #vis fn handler(#(#args: #inputs),*) -> impl ::core::future::Future<Output = #output> {
                    #function
                    #name(#(#args),*)
                }
            }
        }
    }
}

/// What stands for a fn that cannot be a handler (its error is reported): the same names,
/// routing nothing, so `cors_routes![name]` adds no second error; the fn as written is
/// nested in `name::handler`, so the errors in it are still reported.
pub fn stub(vis: &Visibility, name: &Ident, item: TokenStream, krate: &syn::Path) -> TokenStream {
    let private = quote!(#krate::__private);
    let policy_impl = policy_impl(name, &[], &Policy::stub(krate.clone()), &private);
    quote! {
        #[doc(hidden)]
        #[allow(dead_code)]
        #vis fn #name(_: #private::MountWithCorsRoutes) {}
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #name {}
        impl #name {
            #[allow(dead_code)]
            #vis async fn handler() {
                #item
            }
        }
        #policy_impl
    }
}

/// `impl CorsHandler`: the methods, and the policy in a `static`.
fn policy_impl(
    name: &Ident,
    type_params: &[&Ident],
    policy: &Policy,
    private: &TokenStream,
) -> TokenStream {
    let krate = &policy.krate;
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
    let keys = keys(policy, private);
    let (shared, checks) = match &policy.shared {
        Some(path) => {
            let shared = quote!(<#path as #private::SharedPolicy>::KEYS);
            let checks = shared_checks(&policy.shared_checks, &shared);
            (quote!(.shared(#shared)), checks)
        }
        None => (quote!(), quote!()),
    };
    let params = (!type_params.is_empty()).then(|| quote!(<#(#type_params),*>));
    quote! {
        impl #params #private::HandlerSeal for #name #params {}
        impl #params #krate::CorsHandler for #name #params {
            const METHODS: #private::MethodSet = #methods;

            const POLICY: &'static #private::Policy = {
                #checks
                // The methods again rather than `<#name as CorsHandler>::METHODS`: a
                // constant is cheaper for the compiler than a trait projection.
                static POLICY: #private::Policy =
                    #private::Policy::new(#name_text, #methods, #private::PolicyKeys::new() #(#keys)*)
                        #shared;
                &POLICY
            };
        }
    }
}

/// `impl SharedPolicy` for the struct `#[cors_policy(...)]` is on: its keys, a constant.
pub fn shared_policy(name: &Ident, policy: &Policy) -> TokenStream {
    let krate = &policy.krate;
    let private = quote!(#krate::__private);
    let keys = keys(policy, &private);
    let insecure = policy.insecure_origins.then(|| quote!(.insecure_origins()));
    quote! {
        impl #private::PolicySeal for #name {}
        impl #private::SharedPolicy for #name {
            const KEYS: #private::PolicyKeys = #private::PolicyKeys::new() #(#keys)* #insecure;
        }
    }
}

/// The checks against the shared policy `valid` decided on, evaluated when the crate
/// compiles (the shared policy's keys are a constant): each a `const` panic spanned on
/// the handler's key.
fn shared_checks(checks: &[CrossKeyCheck], shared: &TokenStream) -> TokenStream {
    if checks.is_empty() {
        return quote!();
    }
    let checks = checks.iter().map(|check| {
        let condition = match &check.question {
            SharedQuestion::AllowsAnyOrigin => quote!(#shared.allows_any_origin()),
            SharedQuestion::HasCredentials => quote!(#shared.has_credentials()),
            SharedQuestion::HasInsecureOrigins => quote!(#shared.has_insecure_origins()),
            SharedQuestion::HasWildcard { exposed } => quote!(#shared.has_wildcard(#exposed)),
            SharedQuestion::HasNames { exposed } => quote!(#shared.has_names(#exposed)),
            SharedQuestion::Lists { exposed, name } => quote!(#shared.lists(#exposed, #name)),
        };
        let message = &check.message;
        quote_spanned!(check.span=> if #condition { ::core::panic!(#message) })
    });
    quote!(const _: () = { #(#checks)* };)
}

/// One `.key(...)` call per key the policy sets.
fn keys(policy: &Policy, private: &TokenStream) -> Vec<TokenStream> {
    let mut keys = Vec::new();
    match &policy.origins {
        None => {}
        Some(Origins::Any) => keys.push(quote!(.any_origin())),
        Some(Origins::List(list)) => {
            let entries = list.iter().map(|origin| origin_tokens(origin, private));
            keys.push(quote!(.origins(&[#(#entries),*])));
        }
    }
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
    match origin {
        Origin::Literal(entry) => entry_tokens(entry, private),
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
            unset: Unset::Default(entries),
        } => {
            let entries = entries.iter().map(|entry| entry_tokens(entry, private));
            quote!(#private::AllowedOrigin::env_or(#name, &[#(#entries),*]))
        }
        Origin::FromFn(path) => {
            // Spanned on the path, so a function returning something other than a list
            // of origins is reported there.
            let call = quote_spanned!(path.span()=> #path());
            quote!(#private::AllowedOrigin::from_fn(|| #private::origin_list(#call)))
        }
        Origin::Live(path) => {
            // A function returning the `static`, not a reference to it: a shared policy's
            // keys are a `const`, which may not point at interior-mutable memory. Spanned
            // on the path, so anything but a `LiveOrigins` is reported there.
            let name = quote!(#path).to_string().replace(' ', "");
            let live = quote_spanned!(path.span()=> #private::live_origins(&#path));
            quote!(#private::AllowedOrigin::live(|| #live, #name))
        }
    }
}

/// A checked origin or pattern, built again by the runtime's `const fn` constructors.
fn entry_tokens(entry: &Entry, private: &TokenStream) -> TokenStream {
    let scheme = |scheme: Scheme| match scheme {
        Scheme::Http => quote!(#private::Scheme::Http),
        Scheme::Https => quote!(#private::Scheme::Https),
    };
    // `exact(scheme, host)` or `exact_with_port(scheme, host, port)`; the same for
    // `subdomains`: a port argument only when there is a port.
    let with_port = |constructor: &str, s: Scheme, text: &str, port: Option<u16>| {
        let s = scheme(s);
        match port {
            None => {
                let constructor = format_ident!("{constructor}");
                quote!(#private::AllowedOrigin::#constructor(#s, #text))
            }
            Some(port) => {
                let constructor = format_ident!("{constructor}_with_port");
                let port = Literal::u16_unsuffixed(port);
                quote!(#private::AllowedOrigin::#constructor(#s, #text, #port))
            }
        }
    };
    match *entry {
        Entry::Exact(origin) => with_port("exact", origin.scheme(), origin.host(), origin.port()),
        Entry::Pattern(OriginPattern::Subdomains {
            scheme,
            domain,
            port,
        }) => with_port("subdomains", scheme, domain, port),
        Entry::Pattern(OriginPattern::AnyPort { scheme: s, host }) => {
            let s = scheme(s);
            quote!(#private::AllowedOrigin::any_port(#s, #host))
        }
    }
}
