//! Compile-error tests of `#[cors]` and `cors_routes!` (trybuild).
//!
//! `tests/ui/fail/*.rs` must fail to compile with exactly the errors of the `.stderr`
//! beside each; `tests/ui/pass/*.rs` must compile. After changing a message, regenerate
//! the snapshots with `TRYBUILD=overwrite cargo test --test ui` and read every changed
//! `.stderr` as a newcomer would.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
