//! The errors of a `cors_routes!` call that does not follow its form: each names the
//! form and, where it can, gives the call corrected from the user's own tokens.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, Path, PathArguments, Token};

use super::{FORM, Mounted};

/// `list<AppState>`, written as in a type: in `cors_routes!`, as in any expression, the
/// type arguments take `::`. On the `<`.
pub(super) fn type_arguments_without_colons(input: ParseStream, path: &mut Path) -> syn::Error {
    let lt = input.cursor().span();
    let Ok(arguments) = input.parse::<syn::AngleBracketedGenericArguments>() else {
        return syn::Error::new(
            lt,
            format!("expected `,` or `;` after a handler, as in {FORM}"),
        );
    };
    let inferred = arguments
        .args
        .iter()
        .all(|argument| matches!(argument, syn::GenericArgument::Type(syn::Type::Infer(_))));
    let written = render(quote!(#arguments));
    if let Some(last) = path.segments.last_mut() {
        last.arguments = PathArguments::AngleBracketed(arguments);
    }
    let name = render(
        path.segments
            .last()
            .map(|last| &last.ident)
            .into_token_stream(),
    );
    let path = render(quote!(#path));
    let message = if inferred {
        // `_` is what rustc's "missing generics" suggests; the state type is needed.
        let path = path.replace(&written, "");
        format!(
            "a handler generic over its state is mounted with the state type, after `::`: \
             write `cors_routes![{path}::<AppState>]` with your state type for `AppState` (`_` \
             is not inferred here)"
        )
    } else {
        format!(
            "type arguments after a handler's name take `::`, as in any expression: write \
             `{}`",
            path.replacen(&format!("{name}<"), &format!("{name}::<"), 1)
        )
    };
    syn::Error::new(lt, message)
}

/// `layers = ..` or `options = ..` (or another `key = ..`) among the handlers: options come
/// after a `;`. On the `,` to replace by `;`, or on the key.
pub(super) fn option_among_handlers(
    input: ParseStream,
    handlers: &[Mounted],
    comma: Option<Token![,]>,
) -> syn::Error {
    let key = input
        .fork()
        .call(Ident::parse_any)
        .map(|key| key.to_string())
        .unwrap_or_default();
    let rest = render(input.cursor().token_stream());
    match comma {
        Some(comma) if key == "layers" || key == "options" => {
            let handlers = join(handlers.iter().map(|h| render(h.tokens.clone())), ", ");
            syn::Error::new(
                comma.span,
                format!(
                    "`{key} = ..` comes after a `;`, not a `,`: write \
                     `cors_routes![{handlers}; {rest}]`; the form is {FORM}"
                ),
            )
        }
        _ if handlers.is_empty() => syn::Error::new(
            input.span(),
            format!(
                "`cors_routes!` lists its handlers first, then a `;` and the options: \
                 `cors_routes![list_users; {rest}]`; the form is {FORM}"
            ),
        ),
        _ => syn::Error::new(
            input.span(),
            format!(
                "unknown `cors_routes!` option `{key}`; after the handlers and a `;` come \
                 `layers = [..]` (middleware inside the policy of every handler) and \
                 `options = handler` (non-preflight OPTIONS requests)"
            ),
        ),
    }
}

/// A handler after the `;`, among the options (`cors_routes![a; b(layers = [x])]`): it
/// goes before the `;`. On its name.
pub(super) fn handler_among_options(
    input: ParseStream,
    handlers: &[Mounted],
    written: &[TokenStream],
) -> syn::Error {
    let span = input.span();
    let key = input
        .fork()
        .call(Ident::parse_any)
        .map(|key| key.to_string())
        .unwrap_or_default();
    if key == "layers" || key == "options" {
        let value = match key.as_str() {
            "layers" => "[..]",
            _ => "handler",
        };
        return syn::Error::new(
            span,
            format!("expected `=` after `{key}`: write `{key} = {value}`"),
        );
    }
    let Ok(moved) = input.parse::<Mounted>() else {
        return stray(
            input,
            "after `;`, expected `layers = [..]` or `options = handler`",
        );
    };
    let name = render(moved.path.to_token_stream());
    let _ = input.parse::<Option<Token![,]>>();
    let mut options: Vec<String> = written.iter().map(|o| render(o.clone())).collect();
    let rest = render(input.cursor().token_stream());
    if !rest.is_empty() {
        options.push(rest);
    }
    let mut corrected = join(
        handlers
            .iter()
            .map(|h| render(h.tokens.clone()))
            .chain([render(moved.tokens.clone())]),
        ", ",
    );
    if !options.is_empty() {
        corrected = format!("{corrected}; {}", join(options, ", "));
    }
    syn::Error::new(
        span,
        format!(
            "`{name}` is a handler: handlers go before the `;`, and after it only \
             `layers = [..]` and `options = handler`: write `cors_routes![{corrected}]`; the \
             form is {FORM}"
        ),
    )
}

/// What follows a handler is neither `,` nor `;`: a missing `,` between two handlers, or
/// something else.
pub(super) fn stray_after_handler(input: ParseStream, handlers: &[Mounted]) -> syn::Error {
    if input.peek(Ident::peek_any) || input.peek(Token![::]) {
        let written = join(handlers.iter().map(|h| render(h.tokens.clone())), ", ");
        let rest = render(input.cursor().token_stream());
        let (separator, between) = if input.peek2(Token![=]) {
            (";", "the handlers and the options")
        } else {
            (",", "two handlers")
        };
        return syn::Error::new(
            input.span(),
            format!(
                "expected `{separator}` between {between}: write \
                 `cors_routes![{written}{separator} {rest}]`; the form is {FORM}"
            ),
        );
    }
    stray(
        input,
        "expected `,` between two handlers, or `;` before `layers = [..]` and `options = handler`",
    )
}

/// "unexpected `x`: <what was expected>; the form is ...", on the unexpected token.
pub(super) fn stray(input: ParseStream, expected: &str) -> syn::Error {
    let found = input
        .cursor()
        .token_tree()
        .map(|(tree, _)| render([tree]))
        .unwrap_or_default();
    syn::Error::new(
        input.span(),
        format!("unexpected `{found}` in `cors_routes!`: {expected}; the form is {FORM}"),
    )
}

/// The tokens from `begin` to `end` (a later cursor of the same stream).
pub(super) fn between(begin: syn::buffer::Cursor, end: syn::buffer::Cursor) -> TokenStream {
    let mut tokens = TokenStream::new();
    let mut cursor = begin;
    while cursor != end {
        let Some((tree, next)) = cursor.token_tree() else {
            break;
        };
        tokens.extend([tree]);
        cursor = next;
    }
    tokens
}

fn join(items: impl IntoIterator<Item = String>, separator: &str) -> String {
    items.into_iter().collect::<Vec<_>>().join(separator)
}

/// Tokens as the user wrote them (each token's source text, the inside of brackets
/// included), spaced as rustfmt would in the simple cases `cors_routes!` takes, for the
/// corrected text of a parse error.
pub(super) fn render(tokens: impl IntoIterator<Item = TokenTree>) -> String {
    let mut out = String::new();
    let mut previous: Option<TokenTree> = None;
    for tree in tokens {
        let text = match &tree {
            // A group's own text is its delimiters and every token in them.
            TokenTree::Group(_) => tree.span().source_text(),
            _ => tree
                .span()
                .source_text()
                .filter(|text| *text == tree.to_string()),
        }
        .unwrap_or_else(|| tree.to_string());
        if let Some(previous) = &previous
            && spaced(previous, &tree)
        {
            out.push(' ');
        }
        // On one line, and without the spaces a list written over several lines leaves
        // inside its brackets.
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = [
            ("( ", "("),
            ("[ ", "["),
            (", )", ")"),
            (", ]", "]"),
            (" )", ")"),
            (" ]", "]"),
        ]
        .iter()
        .fold(text, |text, (from, to)| text.replace(from, to));
        out.push_str(&text);
        previous = Some(tree);
    }
    out
}

/// Whether `next` is written one space after `previous`.
fn spaced(previous: &TokenTree, next: &TokenTree) -> bool {
    match (previous, next) {
        (_, TokenTree::Punct(punct)) if matches!(punct.as_char(), ',' | ';' | ':' | '.' | '>') => {
            false
        }
        (TokenTree::Punct(punct), _) if matches!(punct.as_char(), ':' | '<' | '.' | '&' | '!') => {
            false
        }
        (_, TokenTree::Punct(punct)) if punct.as_char() == '<' => false,
        // A call, or a handler's own `(layers = [..])`.
        (TokenTree::Ident(_), TokenTree::Group(group)) => {
            group.delimiter() != Delimiter::Parenthesis
        }
        (TokenTree::Punct(punct), TokenTree::Group(group)) if punct.as_char() == '>' => {
            group.delimiter() != Delimiter::Parenthesis
        }
        _ => true,
    }
}
