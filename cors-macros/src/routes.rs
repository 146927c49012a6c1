//! `cors_routes![...]`, from tokens to tokens. The runtime's `cors_routes!` forwards here
//! with its own path first (`$crate; ...`), so a renamed runtime needs nothing more.
//!
//! ```text
//! cors_routes![handler, handler(layers = [a, b]), ... ; layers = [c], options = f]
//! ```
//!
//! Layers run inside the policy, in the order written: the path's layers first, then the
//! handler's own, then the handler. The path's layers also wrap `options = handler`.
//! Preflights are answered before any of them.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Ident, Path, PathArguments};

/// The expansion of `cors_routes![input]`, `input` starting with the runtime's path.
pub fn expand(input: TokenStream) -> TokenStream {
    match syn::parse2::<Routes>(input) {
        Ok(routes) => routes.expand(),
        Err(error) => error.into_compile_error(),
    }
}

struct Routes {
    krate: TokenStream,
    handlers: Vec<Mounted>,
    layers: Vec<Expr>,
    options: Option<Expr>,
}

/// One handler of the list and the layers it alone runs inside.
struct Mounted {
    path: Path,
    layers: Vec<Expr>,
    /// As written, for the corrected text of a parse error.
    tokens: TokenStream,
}

mod grammar;
mod parse;
#[cfg(test)]
mod tests;

/// The form of the input, in the parse errors.
const FORM: &str =
    "`cors_routes![handler, handler(layers = [..]), ..; layers = [..], options = handler]`";

impl Routes {
    fn expand(self) -> TokenStream {
        let Routes {
            krate,
            handlers,
            layers,
            options,
        } = self;
        let private = quote!(#krate::__private);
        // First, for each name: is it a `#[cors]` handler? (An unannotated fn is reported
        // here, with the fix, before any other error.)
        let checks = handlers.iter().map(|handler| {
            let mut name = handler.path.clone();
            if let Some(last) = name.segments.last_mut() {
                last.arguments = PathArguments::None;
            }
            // Spanned on the name, where the error for an unannotated fn points. The
            // expression starts with `<`: starting with the runtime's path, its span (and
            // the error) would widen to the whole macro call.
            let probe = quote_spanned!(name.span()=> <#private::Probe<_>>::new(#name).probe());
            quote!(#[allow(deprecated)] let () = #private::annotated(#probe);)
        });
        // Two handlers on one method: a compile error naming both and the method, on the
        // second one's name. One check per pair; one handler: nothing to compare.
        let types: Vec<Path> = handlers.iter().map(|h| unit_arguments(&h.path)).collect();
        let assertions = types.iter().enumerate().flat_map(|(i, a)| {
            let private = &private;
            let krate = &krate;
            types[i + 1..].iter().map(move |b| {
                let methods =
                    |handler| quote!(<#private::Id<#handler> as #krate::CorsHandler>::METHODS);
                let (of_a, of_b) = (methods(a), methods(b));
                let name = b
                    .segments
                    .last()
                    .map_or_else(|| b.span(), |last| last.ident.span());
                quote_spanned! {name=>
                    const _: () = #private::assert_routed_apart::<#a, #b, {
                        #private::first_shared_method(#of_a, #of_b)
                    }>();
                }
            })
        });
        let path_layers: Vec<Ident> = (0..layers.len())
            .map(|i| format_ident!("__cors_layer{i}"))
            .collect();
        let mounts = handlers.iter().map(|Mounted { path, layers, .. }| {
            let mut handler = quote!(#private::Id::<#path>::handler);
            // Innermost first: the handler's own layers, last to first, then the path's.
            for layer in layers.iter().rev() {
                let layer = checked_layer(&private, layer);
                handler = quote!(#private::Handler::layer(#handler, #layer));
            }
            for layer in path_layers.iter().rev() {
                handler =
                    quote!(#private::Handler::layer(#handler, ::core::clone::Clone::clone(&#layer)));
            }
            quote!(.handler::<#path, _, _>(#handler))
        });
        // The path's layers wrap the user's OPTIONS handler too (never a preflight, which
        // is answered before it): middleware meant for every handler of the path must not
        // leave one open.
        let finish = match options {
            Some(options) => {
                let mut options = quote!(#options);
                for layer in path_layers.iter().rev() {
                    options = quote!(#private::Handler::layer(#options, ::core::clone::Clone::clone(&#layer)));
                }
                quote!(.finish_with_options(#options))
            }
            None => quote!(.finish()),
        };
        let layers = layers.iter().map(|layer| checked_layer(&private, layer));
        quote! {{
            #(#checks)*
            #(#assertions)*
            #(let #path_layers = #layers;)*
            #private::CorsRoutes::new()
                #(#mounts)*
                #finish
        }}
    }
}

/// `layer`, through the runtime's check that axum's `Handler::layer` can run it inside
/// the policy (`cors-runtime/src/layer_check.rs`): a middleware fn given without
/// `middleware::from_fn`, a layer whose service can fail, a fn or a value that is not a
/// layer are each one error, on the user's expression, instead of axum's wall of unmet
/// `Layer<HandlerService<..>>` and `Handler<_, _>` bounds.
///
/// The call and the fn called are spanned exactly like the argument, so that rustc
/// reports an unmet bound once (not once on the argument and once on the call) and with
/// no second underline: they start with a token spanned on the expression's first token
/// (not the runtime's path, whose span would widen the error to the whole macro call)
/// and end with the fn's name and the parentheses spanned on its last token. The messages name the fn through a type of
/// the same name declared beside the call: `struct require_auth {}` lets the error say
/// `middleware::from_fn(require_auth)`.
fn checked_layer(private: &TokenStream, layer: &Expr) -> TokenStream {
    let tokens = quote!(#layer);
    let mut trees = tokens.clone().into_iter();
    let first = trees
        .next()
        .map_or_else(Span::call_site, |tree| tree.span());
    let last = trees.last().map_or(first, |tree| tree.span());
    let (declaration, name) = match fn_name(layer) {
        Some(name) => (
            quote!(#[allow(non_camel_case_types, dead_code)] struct #name {}),
            quote!(#name),
        ),
        None => (quote!(), quote!(#private::your_fn)),
    };
    let function = Ident::new("inside_policy", last);
    let check = quote_spanned!(first=> <#private::CheckLayer<#name>>::#function);
    let mut arguments = Group::new(Delimiter::Parenthesis, tokens);
    arguments.set_span(last);
    quote!({ #declaration #check #arguments })
}

/// The name of the fn a layer expression names (`require_auth`, `auth::require_auth`),
/// for the messages. Only a snake-case name written once in the expression: the type
/// declared under it then never stands for a type the expression names.
fn fn_name(layer: &Expr) -> Option<Ident> {
    let Expr::Path(path) = layer else {
        return None;
    };
    if path.qself.is_some() || !path.attrs.is_empty() {
        return None;
    }
    let name = &path.path.segments.last()?.ident;
    let text = name.to_string();
    let text = text.strip_prefix("r#").unwrap_or(&text).to_owned();
    if !text.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        || matches!(text.as_str(), "self" | "super" | "crate" | "_")
    {
        return None;
    }
    fn count(tokens: TokenStream, name: &Ident) -> usize {
        tokens
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Ident(ident) => usize::from(ident == *name),
                TokenTree::Group(group) => count(group.stream(), name),
                TokenTree::Punct(_) | TokenTree::Literal(_) => 0,
            })
            .sum()
    }
    if count(quote!(#layer), name) != 1 {
        return None;
    }
    let mut name = name.clone();
    name.set_span(Span::call_site());
    Some(name)
}

/// `path` with `()` for each type argument: `list::<S>` becomes `list::<()>`, so the
/// compile-time check may name it outside any generic fn the list is written in.
fn unit_arguments(path: &Path) -> Path {
    let mut path = path.clone();
    if let Some(last) = path.segments.last_mut()
        && let PathArguments::AngleBracketed(arguments) = &mut last.arguments
    {
        for argument in arguments.args.iter_mut() {
            *argument = syn::parse_quote!(());
        }
    }
    path
}
