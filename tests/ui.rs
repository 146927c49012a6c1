//! Compile-error tests of `#[cors]` and `cors_routes!` (trybuild), one test per macro.
//!
//! `tests/ui/<macro>/fail/*.rs` must fail to compile with exactly the errors of the
//! `.stderr` beside each; `tests/ui/<macro>/pass/*.rs` must compile. `<macro>` is the
//! macro a case is about: `cors` for the attribute (its keys, values and error
//! recovery), `cors_routes` for the router macro. After changing a message, regenerate
//! the snapshots with `TRYBUILD=overwrite cargo test --test ui` and read every changed
//! `.stderr` as a newcomer would.

/// `#[cors(...)]`: every accepted form compiles, every mistake is one precise error.
#[test]
fn cors() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/cors/pass/*.rs");
    t.compile_fail("tests/ui/cors/fail/*.rs");
}

/// `cors_routes![...]` and mounting: layers inside the policy compile; an annotated
/// handler routed without it (`get(h)`, `.post(h)`, `any(h)`, `MethodRouter::on`), an
/// unannotated fn in the list and two handlers on one method do not. (Every
/// `tests/ui/cors/pass` case mounts its handlers with it too.)
#[test]
fn cors_routes() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/cors_routes/pass/*.rs");
    t.compile_fail("tests/ui/cors_routes/fail/*.rs");
}
