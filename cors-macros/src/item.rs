//! The annotated item: the fn's signature is parsed (the expansion forwards to the fn
//! with the same argument types and return type); its body stays unparsed tokens.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, GenericParam, Generics, Ident, ReturnType, Token, Type, Visibility};

/// A fn carrying `#[cors]`, checked to be one axum can route.
pub struct Handler {
    pub vis: Visibility,
    pub name: Ident,
    /// `#[doc]` attributes: they move to `name::handler`, where the docs are read.
    pub docs: Vec<Attribute>,
    /// `#[cfg]` attributes: every generated item carries them too.
    pub cfgs: Vec<Attribute>,
    /// How the fn becomes `name::handler`.
    pub function: Function,
    /// Type parameters only (checked): the generated struct takes the same ones.
    pub generics: Generics,
    pub inputs: Vec<Type>,
    pub output: ReturnType,
}

/// The fn as written, without its docs and visibility, in one of two forms.
pub enum Function {
    /// Nothing but docs and `#[cfg]` on it: its signature and body become the associated
    /// `async fn handler` itself (one fn, cheaper to compile than a fn in a fn).
    Plain {
        signature: Box<syn::Signature>,
        body: TokenStream,
    },
    /// Other attributes below `#[cors]`: the fn, with them, is nested unchanged in
    /// `name::handler`, so `#[debug_handler]` (which adds items beside the fn, which an
    /// `impl` block cannot hold) and `#[tracing::instrument]` see the fn they expect.
    Nested(TokenStream),
}

/// The item could not carry a policy. `stub_name` is set when it is a free fn whose
/// signature axum cannot route (not async, lifetime parameters), or that carries `#[cors]`
/// twice: the expansion then keeps a stub under that name, so `cors_routes![name]` adds
/// no second error.
pub struct NotAHandler {
    pub error: syn::Error,
    pub stub_name: Option<(Visibility, Ident)>,
    /// The item to keep instead of the one written (without its second `#[cors]`, which
    /// would otherwise expand too).
    pub item: Option<Box<TokenStream>>,
}

/// Parses `item` as a handler fn.
pub fn parse(item: TokenStream) -> Result<Handler, NotAHandler> {
    syn::parse2::<Parsed>(item)
        .map_err(|error| NotAHandler {
            error,
            stub_name: None,
            item: None,
        })?
        .0
}

/// A fn, parsed; `Err` when its signature is not one axum can route.
struct Parsed(Result<Handler, NotAHandler>);

impl Parse for Parsed {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let is_fn = input.peek(Token![fn])
            || input.peek(Token![async])
            || input.peek(Token![unsafe])
            || input.peek(Token![extern])
            // `const fn`, not a `const X: T = ...;` item.
            || (input.peek(Token![const])
                && (input.peek2(Token![fn]) || input.peek2(Token![unsafe]) || input.peek2(Token![extern])));
        if !is_fn {
            return Err(not_a_fn(input));
        }
        let signature: syn::Signature = input.parse()?;
        // The body (or `;`) is kept as tokens; rustc reports what is wrong in it.
        let body: TokenStream = input.parse()?;
        Ok(Parsed(handler(attrs, vis, signature, body)))
    }
}

fn handler(
    attrs: Vec<Attribute>,
    vis: Visibility,
    signature: syn::Signature,
    body: TokenStream,
) -> Result<Handler, NotAHandler> {
    let not_a_handler = |error| NotAHandler {
        error,
        stub_name: Some((vis.clone(), signature.ident.clone())),
        item: None,
    };
    if let Some(second) = attrs.iter().position(is_cors) {
        // `#[cors(..)] #[cors(..)] async fn`: the first one, expanding, sees the second.
        let mut item = TokenStream::new();
        for (i, attr) in attrs.iter().enumerate() {
            if i != second {
                attr.to_tokens(&mut item);
            }
        }
        vis.to_tokens(&mut item);
        signature.to_tokens(&mut item);
        item.extend(body);
        return Err(NotAHandler {
            error: syn::Error::new_spanned(
                &attrs[second],
                format!(
                    "`#[cors]` is written twice on `{}`: remove the second `#[cors(..)]`; a \
                     handler has one policy, with all its keys in one attribute",
                    signature.ident
                ),
            ),
            // No stub for a method: it would be items inside an `impl` block.
            stub_name: signature
                .receiver()
                .is_none()
                .then(|| (vis.clone(), signature.ident.clone())),
            item: Some(Box::new(item)),
        });
    }
    if let Some(receiver) = signature.receiver() {
        // A method: the stub would be items inside an `impl` block, more errors.
        return Err(NotAHandler {
            stub_name: None,
            item: None,
            error: syn::Error::new(
                receiver.span(),
                "`#[cors]` goes on a free `async fn`, not on a method: axum cannot route a fn that \
             takes `self`; move the handler out of the `impl` block and give it what it needs \
             as an extractor, e.g. `State(service): State<Service>`",
            ),
        });
    }
    if signature.asyncness.is_none() {
        return Err(not_a_handler(syn::Error::new(
            signature.fn_token.span,
            format!(
                "a `#[cors]` handler must be an `async fn`: write `async fn {}(..)`",
                signature.ident
            ),
        )));
    }
    if let Some(param) = signature
        .generics
        .params
        .iter()
        .find(|param| !matches!(param, GenericParam::Type(_)))
    {
        return Err(not_a_handler(syn::Error::new(
            param.span(),
            "a `#[cors]` handler can be generic over types only (such as its state, \
             `async fn list<S>(State(s): State<S>)`); remove this parameter",
        )));
    }
    let mut docs = Vec::new();
    let mut cfgs = Vec::new();
    let mut kept = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("doc") {
            docs.push(attr);
        } else {
            if attr.path().is_ident("cfg") {
                cfgs.push(attr.clone());
            }
            kept.push(attr);
        }
    }
    let inputs = signature
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => Some((*typed.ty).clone()),
            FnArg::Receiver(_) => None,
        })
        .collect();
    let name = signature.ident.clone();
    let generics = signature.generics.clone();
    let output = signature.output.clone();
    let function = if kept.iter().all(|attr| attr.path().is_ident("cfg")) {
        Function::Plain {
            signature: Box::new(signature),
            body,
        }
    } else {
        let mut function = TokenStream::new();
        for attr in &kept {
            attr.to_tokens(&mut function);
        }
        signature.to_tokens(&mut function);
        function.extend(body);
        Function::Nested(function)
    };
    Ok(Handler {
        vis,
        name,
        docs,
        cfgs,
        function,
        generics,
        inputs,
        output,
    })
}

/// `#[cors]` or `#[path::to::cors]`: the attribute itself, written again below the one
/// expanding.
fn is_cors(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "cors")
}

/// "`#[cors]` goes on an axum handler `fn`, not on a `struct`", on the item's keyword.
fn not_a_fn(input: ParseStream) -> syn::Error {
    let keyword = input.cursor().token_tree().map(|(tree, _)| tree);
    let what = match &keyword {
        Some(TokenTree::Ident(word)) => match word.to_string().as_str() {
            "impl" => "an `impl` block".to_owned(),
            "enum" => "an `enum`".to_owned(),
            word @ ("struct" | "const" | "static" | "mod" | "trait" | "type" | "use") => {
                format!("a `{word}`")
            }
            _ => "this item".to_owned(),
        },
        _ => "this item".to_owned(),
    };
    let message =
        format!("`#[cors]` goes on an axum handler `fn`, not on {what}; move it onto the handler");
    match keyword {
        Some(tree) => syn::Error::new(tree.span(), message),
        None => syn::Error::new(Span::call_site(), message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn a_fn_gives_its_parts_and_the_body_is_not_parsed() {
        let handler = parse(quote!(
            #[doc = "x"]
            #[tracing::instrument]
            pub(crate) async fn list(State(s): State<App>, body: String) -> u8 { this is not rust }
        ))
        .ok()
        .unwrap();
        assert_eq!(handler.name, "list");
        assert!(matches!(handler.vis, Visibility::Restricted(_)));
        assert_eq!(handler.docs.len(), 1);
        assert_eq!(handler.inputs.len(), 2);
        let Function::Nested(function) = handler.function else {
            panic!("an attribute below `#[cors]` keeps the fn nested");
        };
        assert_eq!(
            function.to_string(),
            quote!(#[tracing::instrument] async fn list(State(s): State<App>, body: String) -> u8 { this is not rust })
                .to_string()
        );
    }

    #[test]
    fn a_fn_with_docs_and_cfg_only_becomes_the_handler_itself() {
        let handler = parse(quote!(
            /// Lists.
            #[cfg(feature = "api")]
            pub async fn list<S: Clone>(State(s): State<S>) -> u8 { this is not rust }
        ))
        .ok()
        .unwrap();
        let Function::Plain { signature, body } = handler.function else {
            panic!("docs and `#[cfg]` alone keep the fn plain");
        };
        assert_eq!(signature.ident, "list");
        assert_eq!(body.to_string(), quote!({ this is not rust }).to_string());
        assert_eq!((handler.docs.len(), handler.cfgs.len()), (1, 1));
    }

    #[test]
    fn a_fn_axum_cannot_route_names_the_fix_and_keeps_its_name() {
        for (item, message) in [
            (
                quote!(
                    fn list() {}
                ),
                "must be an `async fn`: write `async fn list(..)`",
            ),
            (
                quote!(
                    async fn list<'a>() {}
                ),
                "generic over types only",
            ),
        ] {
            let error = parse(item).err().unwrap();
            assert!(error.error.to_string().contains(message), "{}", error.error);
            assert_eq!(error.stub_name.unwrap().1, "list");
        }
        let method = parse(quote!(
            async fn list(&self) {}
        ))
        .err()
        .unwrap();
        assert!(method.error.to_string().contains("not on a method"));
        assert!(method.stub_name.is_none());
    }

    #[test]
    fn a_second_cors_is_refused_and_left_out_of_the_stub() {
        let error = parse(quote!(
            #[doc = "x"]
            #[cors_runtime::cors(origins = ["https://b.example"], methods = [POST])]
            async fn list() {}
        ))
        .err()
        .unwrap();
        assert!(
            error
                .error
                .to_string()
                .contains("`#[cors]` is written twice on `list`: remove the second `#[cors(..)]`"),
            "{}",
            error.error
        );
        assert_eq!(error.stub_name.unwrap().1, "list");
        assert_eq!(
            error.item.unwrap().to_string(),
            quote!(
                #[doc = "x"]
                async fn list() {}
            )
            .to_string()
        );
    }

    #[test]
    fn other_items_are_named_in_the_error() {
        for (item, what) in [
            (
                quote!(
                    struct S;
                ),
                "a `struct`",
            ),
            (
                quote!(
                    pub enum E {}
                ),
                "an `enum`",
            ),
            (quote!(impl S {}), "an `impl` block"),
            (
                quote!(
                    const X: u8 = 1;
                ),
                "a `const`",
            ),
            (
                quote!(
                    macro_rules! m {}
                ),
                "this item",
            ),
        ] {
            let error = parse(item).err().unwrap();
            assert!(error.error.to_string().contains(what), "{}", error.error);
            assert!(error.stub_name.is_none());
        }
    }
}
