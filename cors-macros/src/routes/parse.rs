//! Reading `cors_routes![...]` into [`Routes`]: handlers, then `;` and the options.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Path, PathArguments, PathSegment, Token, bracketed, parenthesized};

use super::grammar::{
    between, handler_among_options, option_among_handlers, render, stray, stray_after_handler,
    type_arguments_without_colons,
};
use super::{Mounted, Routes};

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
        let mut handlers: Vec<Mounted> = Vec::new();
        // The `,` before the entry being read: `cors_routes![h, layers = [a]]` needs a `;`
        // there.
        let mut comma: Option<Token![,]> = None;
        while !input.is_empty() && !input.peek(Token![;]) {
            if input.peek(Ident::peek_any) && input.peek2(Token![=]) {
                return Err(option_among_handlers(input, &handlers, comma));
            }
            handlers.push(input.parse()?);
            if input.is_empty() || input.peek(Token![;]) {
                break;
            }
            if input.peek(Token![,]) {
                comma = Some(input.parse()?);
                continue;
            }
            return Err(stray_after_handler(input, &handlers));
        }
        let mut layers = None;
        let mut options = None;
        // Each option as written, for the corrected text of a parse error.
        let mut written: Vec<TokenStream> = Vec::new();
        if input.parse::<Option<Token![;]>>()?.is_some() {
            while !input.is_empty() {
                let begin = input.cursor();
                if (input.peek(Ident::peek_any) || input.peek(Token![::]))
                    && !input.peek2(Token![=])
                {
                    return Err(handler_among_options(input, &handlers, &written));
                }
                let Ok(key) = input.call(Ident::parse_any) else {
                    return Err(stray(
                        input,
                        "after `;`, expected `layers = [..]` or `options = handler`",
                    ));
                };
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
                written.push(between(begin, input.cursor()));
                if input.is_empty() {
                    break;
                }
                if input.parse::<Option<Token![,]>>()?.is_none() {
                    return Err(stray(
                        input,
                        "expected `,` between two options, as in `layers = [..], options = handler`",
                    ));
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
        let begin = input.cursor();
        let mut path = handler_path(input).map_err(|error| {
            syn::Error::new(
                error.span(),
                "expected the name of a `#[cors]` handler, e.g. `cors_routes![list_users, api::create_user]`",
            )
        })?;
        if input.peek(Token![<]) {
            return Err(type_arguments_without_colons(input, &mut path));
        }
        let mut layers = Vec::new();
        if input.peek(syn::token::Paren) {
            let content;
            parenthesized!(content in input);
            let key: Ident = content.parse()?;
            let name = render(quote!(#path));
            if key != "layers" {
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown option `{key}` of a handler in `cors_routes!`; write \
                         `{name}(layers = [..])` for middleware inside its policy",
                    ),
                ));
            }
            if !content.peek(Token![=]) {
                return Err(content.error(format!(
                    "expected `=` after `layers`: write `{name}(layers = [..])`"
                )));
            }
            content.parse::<Token![=]>()?;
            layers = layer_list(&content)?;
            if !content.is_empty() {
                return Err(content.error(format!(
                    "expected `)` after the list of layers: write `{name}(layers = [..])`, \
                     with every layer inside the brackets"
                )));
            }
        }
        Ok(Mounted {
            path,
            layers,
            tokens: between(begin, input.cursor()),
        })
    }
}

/// `list_users`, `api::list_users`, or `list_users::<AppState>` for a handler generic
/// over its state.
pub(super) fn handler_path(input: ParseStream) -> syn::Result<Path> {
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
pub(super) fn layer_list(input: ParseStream) -> syn::Result<Vec<Expr>> {
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
