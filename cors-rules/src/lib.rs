//! The one home of what a valid CORS origin, method and header name is, typed.
//!
//! Always available: the types an allowed origin is made of ([`origin::Origin`],
//! [`pattern::OriginPattern`], [`entry::Entry`]) with the matching rules beside them,
//! [`method::MethodSet`], the header-token rule and the reading of
//! `Access-Control-Request-Headers`. With the `check` feature (which brings the `url` and
//! `psl` crates): the checks that turn written text into those types, with the messages
//! users read. `#[cors]` runs the checks at compile time; `cors-runtime` runs them only on
//! origins it reads at run time (`env(...)`, `from_fn(...)`).

pub mod entry;
pub mod header;
pub mod max_age;
pub mod method;
pub mod origin;
pub mod pattern;
pub mod request_headers;

/// The largest `max_age` accepted: Chromium caps preflight caching at two hours and
/// Firefox at one day, so anything above a day is never honoured.
pub const MAX_AGE_LIMIT: u64 = 86_400;
