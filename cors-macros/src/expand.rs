//! Expansion: the handler fn, unchanged, becomes the associated fn `name::handler`
//! (nested in it, when other attributes below `#[cors]` need the fn as written; see
//! `item::Function`), so the name itself is no longer a fn: routing it with axum's `get(name)` is a compile error whose warning says
//! to use `cors_routes![name]` (DESIGN section 1). Beside it, a braced struct of the same
//! name (type namespace) whose `CorsHandler` impl points at the policy in a `static` built
//! by the runtime's `const fn` constructors. Fully qualified paths only, so nothing is
//! brought into the user's scope. `cargo expand` shows:
//!
//! ```text
//! #[doc(hidden)]
//! #[deprecated(note = "`list_users` has a CORS policy: mount it with `cors_routes![list_users]` ...")]
//! fn list_users(_: ::cors_runtime::__private::MountWithCorsRoutes) {}
//! #[doc(hidden)]
//! struct list_users {}
//! impl list_users {
//!     async fn handler() -> Json<Vec<User>> { /* as written */ }
//! }
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

use cors_rules::origin::Scheme;

use crate::item::{Function, Handler};
use crate::key::Key;
use crate::model::{Names, Origin, Origins, Policy, Unset};

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
    let note = format!(
        "`{name}` has a CORS policy: mount it with `cors_routes![{name}]`; a test calls the \
         handler itself as `{name}::handler(..)`"
    );
    let policy_impl = policy_impl(name, &type_params, policy, &private);
    quote! {
        #(#cfgs)*
        #[doc(hidden)]
        #[allow(dead_code)]
        #[deprecated(note = #note)]
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
            let checks = shared_checks(policy, path, &shared);
            (quote!(.shared(#shared)), checks)
        }
        None => (quote!(), quote!()),
    };
    let params = (!type_params.is_empty()).then(|| quote!(<#(#type_params),*>));
    quote! {
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
        impl #private::SharedPolicy for #name {
            const KEYS: #private::PolicyKeys = #private::PolicyKeys::new() #(#keys)* #insecure;
        }
    }
}

/// The rules that span a handler and its shared policy, checked when the crate compiles
/// (the shared policy's keys are a constant): each is a `const` panic spanned on the
/// handler's key, naming the shared policy.
fn shared_checks(policy: &Policy, path: &syn::Path, shared: &TokenStream) -> TokenStream {
    let shared_name = quote!(#path).to_string().replace(' ', "");
    let in_shared = |what: &str| format!("{what} in the shared policy `{shared_name}`");
    let mut checks = Vec::new();
    let mut check = |key: Key, condition: TokenStream, message: String| {
        let span = policy
            .spans
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, tokens)| tokens.clone().into_iter().next())
            .map_or_else(proc_macro2::Span::call_site, |token| token.span());
        checks.push(quote_spanned!(span=> if #condition { ::core::panic!(#message) }));
    };
    if policy.credentials {
        check(
            Key::Credentials,
            quote!(#shared.allows_any_origin()),
            format!(
                "`credentials` here cannot go with {}: browsers refuse a wildcard origin on credentialed requests; list the origins there, or remove `credentials`",
                in_shared("`origins = \"*\"`")
            ),
        );
        for (exposed, key) in [(false, "headers"), (true, "expose")] {
            check(
                Key::Credentials,
                quote!(#shared.has_wildcard(#exposed)),
                format!(
                    "`credentials` here cannot go with {}: on credentialed requests browsers read `*` as a header literally named `*`; list the header names there",
                    in_shared(&format!("`{key}` with `*`"))
                ),
            );
        }
        if !policy.allow_insecure_origins {
            check(
                Key::Credentials,
                quote!(#shared.has_insecure_origins()),
                format!(
                    "`credentials` here cannot go with the plain `http://` origins {}: cookies would cross the network unencrypted; use `https://` there, or add `dangerously_allow_insecure_origins` here",
                    in_shared("listed")
                ),
            );
        }
    }
    for (names, exposed, key) in [
        (&policy.headers, false, Key::Headers),
        (&policy.expose, true, Key::Expose),
    ] {
        let key_name = key.name();
        match names {
            Names::None => {}
            Names::Any | Names::AnyAndAuthorization => {
                check(
                    key,
                    quote!(#shared.has_credentials()),
                    format!(
                        "`{key_name}` with `*` here cannot go with {}: on credentialed requests browsers read `*` as a header literally named `*`; list the header names",
                        in_shared("`credentials`")
                    ),
                );
                check(
                    key,
                    quote!(#shared.has_names(#exposed)),
                    format!(
                        "`{key_name}` is given here and {}: with `*` on one side, write it in one place",
                        in_shared(&format!("`{key_name}`"))
                    ),
                );
            }
            Names::List(list) => {
                check(
                    key,
                    quote!(#shared.has_wildcard(#exposed)),
                    format!(
                        "{} already covers these names; remove `{key_name}` here",
                        in_shared(&format!("`{key_name}` with `*`"))
                    ),
                );
                for name in list {
                    check(
                        key,
                        quote!(#shared.lists(#exposed, #name)),
                        format!(
                            "`{name}` is listed here and {}; keep one",
                            in_shared(&format!("in `{key_name}`"))
                        ),
                    );
                }
            }
        }
    }
    if policy.strict {
        check(
            Key::Strict,
            quote!(#shared.allows_any_origin()),
            format!(
                "`strict` here has no effect with {}: every origin is allowed, so nothing would be refused",
                in_shared("`origins = \"*\"`")
            ),
        );
    }
    if checks.is_empty() {
        return quote!();
    }
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
