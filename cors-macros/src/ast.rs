//! Parsing: the attribute's tokens into a syntax tree that keeps every span, so
//! validation can point at the exact token. No CORS rule lives here.
//!
//! Parsing is lenient on purpose: a value of the wrong shape (`methods = GET`,
//! `credentials = true`) is kept as [`Value::Other`] for validation to explain, and a
//! malformed entry is recorded in [`Args::errors`] and skipped, so one build reports
//! every mistake of the attribute.
//!
//! The syntax tree owns the value of each string literal: the checked origins of the
//! model borrow their parts from it.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitInt, LitStr, Token, bracketed};

/// `key = value, flag, ...`
pub struct Args {
    pub entries: Vec<Entry>,
    /// Syntax errors, each already skipped over.
    pub errors: Vec<syn::Error>,
}

/// One `key` or `key = value`.
pub struct Entry {
    pub key: Ident,
    pub value: Value,
}

/// The right-hand side of `key = ...` (or nothing, for a flag).
pub enum Value {
    /// `credentials`
    Flag,
    /// `"..."`
    Str(Str),
    /// `600`, or `-1` (kept so validation can say why it is wrong).
    Int {
        lit: LitInt,
        negative: bool,
        /// The literal with its sign, for the error span.
        tokens: TokenStream,
    },
    /// `[a, "b", ...]`
    List { items: Vec<Item>, span: Span },
    /// `env("NAME")`, `from_fn(path)`, or another `name(...)`.
    Call(Call),
    /// Anything else (`GET`, `true`, `1.5`), kept whole for the error.
    Other(TokenStream),
}

/// A string literal and its value, read once.
pub struct Str {
    pub lit: LitStr,
    pub value: String,
}

/// `name(args)`, such as `env("APP_CORS_ORIGINS")`; validation says which names exist.
pub struct Call {
    pub name: Ident,
    /// What is inside the parentheses.
    pub args: TokenStream,
    /// The whole call, for error spans.
    pub tokens: TokenStream,
    /// `args` read as those of `env(...)`, when the call is `env` and they have that
    /// shape; validation explains the others from `args`.
    pub env: Option<EnvArgs>,
}

/// The arguments of `env(...)`: `"NAME"`, `"NAME", optional` or `"NAME", default = "..."`.
pub struct EnvArgs {
    pub name: Str,
    pub option: Option<EnvOption>,
}

/// What follows the variable's name in `env(...)`.
pub enum EnvOption {
    Optional,
    Default(Str),
    /// Anything else after the name, kept whole for the error.
    Unknown(TokenStream),
}

/// One entry of a list.
pub enum Item {
    Str(Str),
    Ident(Ident),
    /// `env("NAME")`, `from_fn(path)`, ...
    Call(Call),
    /// Anything else (`1`, `Method::GET`), kept whole for the error.
    Other(TokenStream),
}

impl Value {
    /// The tokens an error about this value points at.
    pub fn tokens(&self, key: &Ident) -> TokenStream {
        match self {
            Value::Flag => key.to_token_stream(),
            Value::Str(s) => s.to_token_stream(),
            Value::Int { tokens, .. } | Value::Other(tokens) | Value::Call(Call { tokens, .. }) => {
                tokens.clone()
            }
            Value::List { span, .. } => {
                let mut group =
                    proc_macro2::Group::new(proc_macro2::Delimiter::Bracket, TokenStream::new());
                group.set_span(*span);
                group.into_token_stream()
            }
        }
    }
}

impl ToTokens for Str {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.lit.to_tokens(tokens);
    }
}

impl Parse for Str {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let lit: LitStr = input.parse()?;
        Ok(Str {
            value: lit.value(),
            lit,
        })
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        while !input.is_empty() {
            match parse_entry(input, &mut errors) {
                Ok(entry) => entries.push(entry),
                Err(error) => {
                    errors.push(error);
                    skip_to_comma(input);
                }
            }
            if input.is_empty() {
                break;
            }
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
            } else {
                // `origins = [...] methods = [...]`: say where the comma goes, then go on
                // with the next entry as if it were there.
                errors.push(syn::Error::new(
                    input.span(),
                    "expected `,` between two keys",
                ));
                if !input.peek(Ident::peek_any) {
                    skip_to_comma(input);
                    let _ = input.parse::<Option<Token![,]>>()?;
                }
            }
        }
        Ok(Args { entries, errors })
    }
}

fn parse_entry(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Entry> {
    let key: Ident = input.call(Ident::parse_any).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a key such as `origins = [...]`, `methods = [...]` or `credentials`",
        )
    })?;
    if input.peek(Token![:]) {
        // `origins: [...]`: report it, then read the value as if `=` had been written.
        let colon: Token![:] = input.parse()?;
        errors.push(syn::Error::new(
            colon.span,
            format!("write `{key} = ...`, with `=`"),
        ));
    } else if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
    } else {
        return Ok(Entry {
            key,
            value: Value::Flag,
        });
    }
    if input.is_empty() || input.peek(Token![,]) {
        return Err(syn::Error::new(
            input.span(),
            format!("`{key} = ` needs a value after `=`"),
        ));
    }
    let value = parse_value(input, errors)?;
    Ok(Entry { key, value })
}

fn parse_value(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Value> {
    if input.peek(LitStr) && ends_value(input, 1) {
        return Ok(Value::Str(input.parse()?));
    }
    if input.peek(LitInt) && ends_value(input, 1) {
        let lit: LitInt = input.parse()?;
        return Ok(Value::Int {
            tokens: lit.to_token_stream(),
            lit,
            negative: false,
        });
    }
    if input.peek(Token![-]) && input.peek2(LitInt) && ends_value(input, 2) {
        let minus: Token![-] = input.parse()?;
        let lit: LitInt = input.parse()?;
        let mut tokens = minus.to_token_stream();
        lit.to_tokens(&mut tokens);
        return Ok(Value::Int {
            lit,
            negative: true,
            tokens,
        });
    }
    if input.peek(syn::token::Bracket) && ends_value(input, 1) {
        let content;
        let bracket = bracketed!(content in input);
        let items = parse_items(&content, errors)?;
        return Ok(Value::List {
            items,
            span: bracket.span.join(),
        });
    }
    if is_call(input) {
        return Ok(Value::Call(parse_call(input)?));
    }
    Ok(Value::Other(take_until_comma(input)))
}

/// `name(...)` followed by the end of the value.
fn is_call(input: ParseStream) -> bool {
    input.peek(Ident::peek_any) && input.peek2(syn::token::Paren) && ends_value(input, 2)
}

fn parse_call(input: ParseStream) -> syn::Result<Call> {
    let name = input.call(Ident::parse_any)?;
    let content;
    let paren = syn::parenthesized!(content in input);
    let args: TokenStream = content.parse()?;
    let mut tokens = name.to_token_stream();
    let mut group = proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, args.clone());
    group.set_span(paren.span.join());
    tokens.extend([TokenTree::Group(group)]);
    let env = if name == "env" {
        syn::parse2::<EnvArgs>(args.clone()).ok()
    } else {
        None
    };
    Ok(Call {
        name,
        args,
        tokens,
        env,
    })
}

impl Parse for EnvArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name: Str = input.parse()?;
        if input.is_empty() || (input.peek(Token![,]) && input.peek2(syn::parse::End)) {
            input.parse::<Option<Token![,]>>()?;
            return Ok(EnvArgs { name, option: None });
        }
        input.parse::<Token![,]>()?;
        let rest: TokenStream = input.fork().parse()?;
        let option = if input.peek(kw::optional) && input.peek2(syn::parse::End) {
            input.parse::<kw::optional>()?;
            EnvOption::Optional
        } else if input.peek(kw::default) && input.peek2(Token![=]) {
            input.parse::<kw::default>()?;
            input.parse::<Token![=]>()?;
            match input.parse::<Str>() {
                Ok(list) if input.is_empty() => EnvOption::Default(list),
                _ => EnvOption::Unknown(rest),
            }
        } else {
            EnvOption::Unknown(rest)
        };
        // Whatever is left belongs to the error already recorded in `Unknown`.
        input.parse::<TokenStream>()?;
        Ok(EnvArgs {
            name,
            option: Some(option),
        })
    }
}

mod kw {
    syn::custom_keyword!(optional);
    syn::custom_keyword!(default);
}

fn parse_items(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Vec<Item>> {
    let mut items = Vec::new();
    while !input.is_empty() {
        let item = if input.peek(LitStr) && ends_value(input, 1) {
            Item::Str(input.parse()?)
        } else if is_call(input) {
            Item::Call(parse_call(input)?)
        } else if input.peek(Ident::peek_any) && ends_value(input, 1) {
            Item::Ident(input.call(Ident::parse_any)?)
        } else {
            Item::Other(take_until_comma(input))
        };
        items.push(item);
        if input.is_empty() {
            break;
        }
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        } else {
            // `[GET POST]`: say where the comma goes, then read the next entry.
            errors.push(syn::Error::new(
                input.span(),
                "expected `,` between two entries of the list",
            ));
        }
    }
    Ok(items)
}

/// Whether the value starting at the cursor is exactly `n` token trees long: followed by
/// the end, a `,`, or an identifier (the next key or entry, with its `,` forgotten).
fn ends_value(input: ParseStream, n: usize) -> bool {
    let mut cursor = input.cursor();
    for _ in 0..n {
        match cursor.token_tree() {
            Some((_, next)) => cursor = next,
            None => return false,
        }
    }
    cursor.eof()
        || cursor.punct().is_some_and(|(p, _)| p.as_char() == ',')
        || cursor.ident().is_some()
}

/// Consumes token trees up to (not including) the next top-level `,`.
fn take_until_comma(input: ParseStream) -> TokenStream {
    input
        .step(|cursor| {
            let mut rest = *cursor;
            let mut tokens = TokenStream::new();
            while let Some((tree, next)) = rest.token_tree() {
                if matches!(&tree, TokenTree::Punct(p) if p.as_char() == ',') {
                    break;
                }
                tokens.extend([tree]);
                rest = next;
            }
            Ok((tokens, rest))
        })
        .unwrap_or_default()
}

fn skip_to_comma(input: ParseStream) {
    let _ = take_until_comma(input);
}
