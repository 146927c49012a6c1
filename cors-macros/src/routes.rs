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

use proc_macro2::{TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Path, PathArguments, PathSegment, Token, bracketed, parenthesized};

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
}

impl Parse for Routes {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut krate = TokenStream::new();
        while !input.peek(Token![;]) {
            krate.extend([input.parse::<TokenTree>()?]);
        }
        input.parse::<Token![;]>()?;
        if input.is_empty() {
            return Err(input.error(
                "`cors_routes!` needs at least one `#[cors]` handler: `cors_routes![list_users]`",
            ));
        }
        let mut handlers = Vec::new();
        while !input.is_empty() && !input.peek(Token![;]) {
            handlers.push(input.parse()?);
            if input.is_empty() || input.peek(Token![;]) {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        let mut layers = None;
        let mut options = None;
        if input.parse::<Option<Token![;]>>()?.is_some() {
            while !input.is_empty() {
                let key: Ident = input.parse()?;
                input.parse::<Token![=]>()?;
                match key.to_string().as_str() {
                    "layers" if layers.is_none() => layers = Some(layer_list(input)?),
                    "options" if options.is_none() => options = Some(input.parse()?),
                    "layers" | "options" => {
                        return Err(syn::Error::new(
                            key.span(),
                            format!("`{key}` is given twice"),
                        ));
                    }
                    _ => {
                        return Err(syn::Error::new(
                            key.span(),
                            format!(
                                "unknown `cors_routes!` option `{key}`; after `;` come \
                                 `layers = [..]` (middleware inside the policy of every handler) \
                                 and `options = handler` (non-preflight OPTIONS requests)"
                            ),
                        ));
                    }
                }
                if !input.is_empty() {
                    input.parse::<Token![,]>()?;
                }
            }
        }
        Ok(Routes {
            krate,
            handlers,
            layers: layers.unwrap_or_default(),
            options,
        })
    }
}

impl Parse for Mounted {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path = handler_path(input).map_err(|error| {
            syn::Error::new(
                error.span(),
                "expected the name of a `#[cors]` handler, e.g. `cors_routes![list_users, api::create_user]`",
            )
        })?;
        let mut layers = Vec::new();
        if input.peek(syn::token::Paren) {
            let content;
            parenthesized!(content in input);
            let key: Ident = content.parse()?;
            if key != "layers" {
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown option `{key}` of a handler in `cors_routes!`; write \
                         `{}(layers = [..])` for middleware inside its policy",
                        quote!(#path).to_string().replace(' ', "")
                    ),
                ));
            }
            content.parse::<Token![=]>()?;
            layers = layer_list(&content)?;
            if !content.is_empty() {
                return Err(content.error("expected `)` after the list of layers"));
            }
        }
        Ok(Mounted { path, layers })
    }
}

/// `list_users`, `api::list_users`, or `list_users::<AppState>` for a handler generic
/// over its state.
fn handler_path(input: ParseStream) -> syn::Result<Path> {
    let leading_colon = input.parse()?;
    let mut segments = Punctuated::new();
    loop {
        segments.push_value(PathSegment::from(input.call(Ident::parse_any)?));
        if input.peek(Token![::]) && !input.peek3(Token![<]) {
            segments.push_punct(input.parse()?);
        } else {
            break;
        }
    }
    if input.peek(Token![::]) {
        let last = segments.last_mut().expect("a path has a segment");
        last.arguments = PathArguments::AngleBracketed(input.parse()?);
    }
    Ok(Path {
        leading_colon,
        segments,
    })
}

/// `[a, b, ...]`.
fn layer_list(input: ParseStream) -> syn::Result<Vec<Expr>> {
    if !input.peek(syn::token::Bracket) {
        return Err(input
            .error("`layers` takes a list, e.g. `layers = [middleware::from_fn(require_auth)]`"));
    }
    let content;
    bracketed!(content in input);
    Ok(Punctuated::<Expr, Token![,]>::parse_terminated(&content)?
        .into_iter()
        .collect())
}

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
        let mounts = handlers.iter().map(|Mounted { path, layers }| {
            let mut handler = quote!(#private::Id::<#path>::handler);
            // Innermost first: the handler's own layers, last to first, then the path's.
            for layer in layers.iter().rev() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn expanded(input: TokenStream) -> String {
        expand(input).to_string()
    }

    #[test]
    fn layers_run_in_the_order_written_path_first() {
        let out = expanded(quote!(krate; list(layers = [a, b]), create; layers = [p, q]));
        let list = out
            .split(". handler ::")
            .nth(1)
            .expect("the first handler is mounted");
        // The outermost call is the first layer of the path; the innermost, the
        // handler's last layer.
        let order: Vec<usize> = ["__cors_layer0", "__cors_layer1", "a", "b", "Id"]
            .iter()
            .map(|needle| {
                list.find(&format!("{needle} "))
                    .or_else(|| list.find(&format!("{needle})")))
                    .unwrap_or_else(|| panic!("{needle} in {list}"))
            })
            .collect();
        // `Handler::layer(Handler::layer(..., b), a)`: the outer layer's name comes last.
        assert!(
            order[4] < order[3]
                && order[3] < order[2]
                && order[2] < order[1]
                && order[1] < order[0],
            "{list}"
        );
        assert!(
            out.contains("let __cors_layer0 = p ; let __cors_layer1 = q ;"),
            "{out}"
        );
    }

    #[test]
    fn every_name_is_checked_and_generic_arguments_are_dropped_there() {
        let out = expanded(quote!(krate; api::list::<AppState>, create));
        assert!(out.contains("Probe < _ >> :: new (api :: list)"), "{out}");
        assert!(out.contains("Probe < _ >> :: new (create)"), "{out}");
        assert!(
            out.contains("Id < api :: list :: < () > > as krate :: CorsHandler >"),
            "{out}"
        );
        assert!(
            out.contains("Id :: < api :: list :: < AppState > > :: handler"),
            "{out}"
        );
    }

    #[test]
    fn mistakes_name_the_fix() {
        for (input, message) in [
            (quote!(krate;), "needs at least one `#[cors]` handler"),
            (
                quote!(krate; list; layer = [a]),
                "unknown `cors_routes!` option `layer`",
            ),
            (
                quote!(krate; list; options = f, options = g),
                "`options` is given twice",
            ),
            (
                quote!(krate; list(layer = [a])),
                "write `list(layers = [..])`",
            ),
            (quote!(krate; list; layers = a), "`layers` takes a list"),
            (
                quote!(krate; "list"),
                "expected the name of a `#[cors]` handler",
            ),
        ] {
            let out = expanded(input);
            assert!(out.contains(message), "{message} not in {out}");
        }
    }
}
