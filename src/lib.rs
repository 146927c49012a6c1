//! Host crate of the workspace's integration tests, compile-error tests, examples and
//! benchmarks. The `#[cors]` product itself is `cors-runtime` (with `cors-macros` and
//! `cors-rules`); see README.md.
