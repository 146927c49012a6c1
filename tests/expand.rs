//! Expansion snapshots of `#[cors]` (macrotest, which runs `cargo expand`).
//!
//! Each `tests/expand/*.rs` is expanded and compared with the `.expanded.rs` beside it,
//! so a change in what the attribute writes shows up in review. Regenerate with
//! `MACROTEST=overwrite cargo test --test expand`. Needs
//! `cargo install cargo-expand --version 1.0.127 --locked`.

#[test]
fn expand() {
    macrotest::expand("tests/expand/*.rs");
}
