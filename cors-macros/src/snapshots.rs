//! Expansion snapshots, made in-process: each `snapshots/NAME.rs` is read, every fn in it
//! carrying `#[cors(...)]` is replaced by what [`attribute::expand`] writes for it, and
//! the file, formatted with `prettyplease`, must equal `snapshots/NAME.expanded.rs`.
//!
//! A missing or different snapshot fails the test and writes nothing. After a deliberate
//! change, rewrite them with `CORS_SNAPSHOTS=overwrite cargo test -p cors-macros` and
//! review the diff.

use std::path::{Path, PathBuf};

use quote::ToTokens;

use crate::attribute;

/// The expanded file for the source `source`.
fn expand_file(source: &str) -> String {
    let mut file = syn::parse_file(source).expect("a snapshot input is valid Rust");
    let mut items = Vec::new();
    for item in file.items {
        match cors_attribute(&item) {
            Some((attr, item)) => {
                let expanded = attribute::expand(attr, item.into_token_stream());
                let expanded: syn::File =
                    syn::parse2(expanded).expect("the expansion is a list of items");
                items.extend(expanded.items);
            }
            None => items.push(item),
        }
    }
    file.items = items;
    prettyplease::unparse(&file)
}

/// The arguments of a `#[cors(...)]` on a fn, and the fn without it.
fn cors_attribute(item: &syn::Item) -> Option<(proc_macro2::TokenStream, syn::Item)> {
    let syn::Item::Fn(function) = item else {
        return None;
    };
    let position = function
        .attrs
        .iter()
        .position(|a| a.path().segments.last().is_some_and(|s| s.ident == "cors"))?;
    let mut function = function.clone();
    let attr = function.attrs.remove(position);
    let args = match attr.meta {
        syn::Meta::List(list) => list.tokens,
        _ => proc_macro2::TokenStream::new(),
    };
    Some((args, syn::Item::Fn(function)))
}

fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("cors-macros/snapshots exists")
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "rs")
                && !path.to_string_lossy().ends_with(".expanded.rs")
        })
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn expansions_match_their_snapshots() {
    let overwrite = std::env::var("CORS_SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let inputs = inputs();
    assert!(!inputs.is_empty(), "no snapshot inputs found");
    let mut failures = Vec::new();
    for input in &inputs {
        let source = std::fs::read_to_string(input).expect("a readable snapshot input");
        let actual = expand_file(&source);
        let snapshot = input.with_extension("expanded.rs");
        let expected = std::fs::read_to_string(&snapshot).ok();
        if expected.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if overwrite {
            std::fs::write(&snapshot, &actual).expect("a writable snapshot");
            continue;
        }
        let what = if expected.is_some() {
            "differs from"
        } else {
            "has no"
        };
        failures.push(format!(
            "{} {what} its snapshot {}; the expansion now is:\n{actual}",
            input.display(),
            snapshot.display()
        ));
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is deliberate, rewrite the snapshots with \
         `CORS_SNAPSHOTS=overwrite cargo test -p cors-macros` and review the diff.",
        failures.join("\n\n")
    );
}

#[test]
fn a_changed_expansion_fails() {
    let input = &inputs()[0];
    let source = std::fs::read_to_string(input).expect("a readable snapshot input");
    let snapshot =
        std::fs::read_to_string(input.with_extension("expanded.rs")).expect("a readable snapshot");
    // The same handler under another policy expands differently from its snapshot.
    let changed = source.replacen("methods = [", "methods = [DELETE, ", 1);
    assert_ne!(changed, source, "the input has a `methods` key to change");
    assert_ne!(expand_file(&changed), snapshot);
}
