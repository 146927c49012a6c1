//! Test and example host crate; see README.md.
