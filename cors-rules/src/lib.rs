//! The one home of what a valid CORS origin, method and header name is.
//!
//! `#[cors]` runs these checks at compile time; `cors-runtime` runs the same checks on
//! origins it reads at startup. Both report the messages written here.

pub mod entry;
pub mod header;
pub mod max_age;
pub mod method;
pub mod origin;
pub mod pattern;

/// The largest `max_age` accepted: Chromium caps preflight caching at two hours and
/// Firefox at one day, so anything above a day is never honoured.
pub const MAX_AGE_LIMIT: u64 = 86_400;
