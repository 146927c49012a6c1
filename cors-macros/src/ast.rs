//! Parsing: the attribute's tokens into a borrowed-free syntax tree that keeps every
//! span, so validation can point at the exact token. No CORS rule lives here.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitInt, LitStr, Token, bracketed};

/// `key = value, flag, ...`
pub struct Args {
    pub entries: Vec<Entry>,
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
    Str(LitStr),
    /// `600`, or `-1` (kept so validation can say why it is wrong).
    Int {
        lit: LitInt,
        negative: bool,
        span: Span,
    },
    /// `[a, "b", ...]`
    List { items: Vec<Item>, span: Span },
}

/// One entry of a list.
pub enum Item {
    Str(LitStr),
    Ident(Ident),
}

impl Value {
    pub fn span(&self, key: &Ident) -> Span {
        match self {
            Value::Flag => key.span(),
            Value::Str(s) => s.span(),
            Value::Int { span, .. } | Value::List { span, .. } => *span,
        }
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let entries = Punctuated::<Entry, Token![,]>::parse_terminated(input)?;
        Ok(Args {
            entries: entries.into_iter().collect(),
        })
    }
}

impl Parse for Entry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key: Ident = input.call(syn::ext::IdentExt::parse_any).map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected a key such as `origins = [...]`, `methods = [...]` or `credentials`",
            )
        })?;
        if !input.peek(Token![=]) {
            return Ok(Entry {
                key,
                value: Value::Flag,
            });
        }
        input.parse::<Token![=]>()?;
        let value = input.parse()?;
        Ok(Entry { key, value })
    }
}

impl Parse for Value {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let lookahead = input.lookahead1();
        if lookahead.peek(LitStr) {
            return Ok(Value::Str(input.parse()?));
        }
        if lookahead.peek(LitInt) {
            let lit: LitInt = input.parse()?;
            let span = lit.span();
            return Ok(Value::Int {
                lit,
                negative: false,
                span,
            });
        }
        if lookahead.peek(Token![-]) {
            let minus: Token![-] = input.parse()?;
            let lit: LitInt = input.parse()?;
            let span = minus.span.join(lit.span()).unwrap_or(lit.span());
            return Ok(Value::Int {
                lit,
                negative: true,
                span,
            });
        }
        if lookahead.peek(syn::token::Bracket) {
            let content;
            let bracket = bracketed!(content in input);
            let items = Punctuated::<Item, Token![,]>::parse_terminated(&content)?;
            return Ok(Value::List {
                items: items.into_iter().collect(),
                span: bracket.span.join(),
            });
        }
        Err(lookahead.error())
    }
}

impl Parse for Item {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let lookahead = input.lookahead1();
        if lookahead.peek(LitStr) {
            Ok(Item::Str(input.parse()?))
        } else if lookahead.peek(Ident) {
            Ok(Item::Ident(input.call(syn::ext::IdentExt::parse_any)?))
        } else {
            Err(lookahead.error())
        }
    }
}
