//! Live origin sets (`origins = [live(SET)]`, filled with `SET.replace(...)`) against the
//! same origins compiled into the attribute: the scaling policy of [`scaling`] with its
//! origins in a [`LiveOrigins`] instead of the attribute, at 1, 1,000 and 100,000 entries.
//!
//! The compiled-in side is [`scaling`]'s generated handlers (`benches/build.rs`); each
//! live set is filled with the same strings (the 100,000-entry one with 100,000 generated
//! the way `build.rs` writes them, so its first 1,000 are the 1,000 compiled-in ones). The
//! requests send the last origin, which is last both as written and as sorted, as in the
//! origin-scaling bench. Filling a set is setup: [`LiveCase::router`] does it before any
//! request is sent, outside every timed or counted part.
//!
//! Used by `benches/live.rs` (criterion), the `instructions` binary (cases named
//! `{live,compiled}_{allowed_actual,allowed_preflight}_{N}`, see [`LiveCase::name`]) and
//! `tests/live_origins.rs` (both sides answer alike).

use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use cors_runtime::{LiveOrigins, cors, cors_routes};
use http::{Request, StatusCode};

use super::{BODY, Case, PATH, REQUESTED_HEADERS, actual, preflight, scaling};

/// Entries of the live sets measured.
pub const LIVE_SIZES: [usize; 3] = [1, 1000, 100_000];

/// Entries of the compiled-in policies they are compared with ([`scaling`]'s handlers;
/// 100,000 literals in one attribute would take minutes to compile).
pub const COMPILED_SIZES: [usize; 2] = [1, 1000];

/// The live set of `live_1`.
pub static SET_1: LiveOrigins = LiveOrigins::new();
/// The live set of `live_1000`.
pub static SET_1000: LiveOrigins = LiveOrigins::new();
/// The live set of `live_100000`.
pub static SET_100000: LiveOrigins = LiveOrigins::new();

/// The scaling policy with its origins in [`SET_1`].
#[cors(
    origins = [live(SET_1)],
    methods = [GET],
    headers = ["content-type", "x-request-id"],
    expose = ["x-request-id"],
    credentials,
    max_age = 600,
)]
pub async fn live_1() -> &'static str {
    BODY
}

/// The scaling policy with its origins in [`SET_1000`].
#[cors(
    origins = [live(SET_1000)],
    methods = [GET],
    headers = ["content-type", "x-request-id"],
    expose = ["x-request-id"],
    credentials,
    max_age = 600,
)]
pub async fn live_1000() -> &'static str {
    BODY
}

/// The scaling policy with its origins in [`SET_100000`].
#[cors(
    origins = [live(SET_100000)],
    methods = [GET],
    headers = ["content-type", "x-request-id"],
    expose = ["x-request-id"],
    credentials,
    max_age = 600,
)]
pub async fn live_100000() -> &'static str {
    BODY
}

/// The `i`-th generated origin, written as `benches/build.rs` writes them (zero-padded to
/// four digits: from 10,000 on they take five, and stay sorted after `o9999`).
pub fn generated_origin(i: usize) -> String {
    format!("https://o{i:04}.example.com")
}

/// The `n` origins a live set of `n` entries is filled with, as written: [`scaling`]'s
/// strings for the sizes it has, generated ones otherwise.
pub fn origins(n: usize) -> Vec<String> {
    if scaling::SIZES.contains(&n) {
        scaling::origins(n).iter().map(|&o| o.to_owned()).collect()
    } else {
        (0..n).map(generated_origin).collect()
    }
}

/// The origin the requests to a set of `n` send: the last of [`origins`]`(n)`, also the
/// last sorted.
pub fn request_origin(n: usize) -> &'static str {
    static BIG: OnceLock<String> = OnceLock::new();
    if scaling::SIZES.contains(&n) {
        return scaling::request_origin(n);
    }
    assert_eq!(n, 100_000, "no live set with {n} entries");
    BIG.get_or_init(|| {
        let origins = origins(n);
        let last = origins[n - 1].clone();
        assert_eq!(
            origins.iter().max(),
            Some(&last),
            "last written is last sorted"
        );
        last
    })
}

/// The live set of `n` entries.
pub fn set(n: usize) -> &'static LiveOrigins {
    match n {
        1 => &SET_1,
        1000 => &SET_1000,
        100_000 => &SET_100000,
        _ => panic!("no live set with {n} entries"),
    }
}

/// Where a policy's origins come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Written in the attribute ([`scaling`]'s generated handlers).
    Compiled,
    /// A [`LiveOrigins`] filled at setup.
    Live,
}

impl Source {
    /// Short name used in benchmark ids and case names.
    pub fn name(self) -> &'static str {
        match self {
            Source::Compiled => "compiled",
            Source::Live => "live",
        }
    }
}

/// One measured combination: where the origins come from, which allowed request, how
/// many origins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveCase {
    /// Compiled-in or live.
    pub source: Source,
    /// [`Case::AllowedActual`] or [`Case::AllowedPreflight`].
    pub case: Case,
    /// How many origins the policy allows.
    pub n: usize,
}

impl LiveCase {
    /// Every combination measured, for one request kind, in the order the bench runs
    /// them: each pair compared is run back to back (compiled / live at 1, live at 1 /
    /// live at 100,000, live / compiled at 1,000).
    pub fn all(case: Case) -> [LiveCase; 5] {
        let at = |source, n| LiveCase { source, case, n };
        [
            at(Source::Compiled, 1),
            at(Source::Live, 1),
            at(Source::Live, 100_000),
            at(Source::Live, 1000),
            at(Source::Compiled, 1000),
        ]
    }

    /// The two request kinds measured.
    pub const CASES: [Case; 2] = [Case::AllowedActual, Case::AllowedPreflight];

    /// `{source}_{case}_{n}`, e.g. `live_allowed_actual_1`, `compiled_allowed_preflight_1000`.
    pub fn name(self) -> String {
        format!("{}_{}_{}", self.source.name(), self.case.name(), self.n)
    }

    /// The combination named `name` ([`LiveCase::name`]), if any.
    pub fn parse(name: &str) -> Option<LiveCase> {
        Self::CASES
            .into_iter()
            .flat_map(LiveCase::all)
            .find(|c| c.name() == name)
    }

    /// The router, with its live set (if any) filled: setup, done before any request.
    pub fn router(self) -> Router {
        match self.source {
            Source::Compiled => {
                assert!(COMPILED_SIZES.contains(&self.n));
                scaling::ours(self.n)
            }
            Source::Live => {
                let routes = match self.n {
                    1 => cors_routes![live_1],
                    1000 => cors_routes![live_1000],
                    100_000 => cors_routes![live_100000],
                    n => panic!("no live set with {n} entries"),
                };
                // After mounting, as an application refreshing its set would: the set
                // is checked by the rules of the policy using it (`credentials`).
                let router = Router::new().route(PATH, routes);
                set(self.n).replace(origins(self.n)).expect("valid origins");
                router
            }
        }
    }

    /// A fresh request: the allowed `GET` or preflight from the last origin.
    pub fn request(self) -> Request<Body> {
        let origin = request_origin(self.n);
        match self.case {
            Case::AllowedActual => actual(Some(origin)),
            Case::AllowedPreflight => preflight(origin, REQUESTED_HEADERS),
            other => panic!("no live case for {}", other.name()),
        }
    }

    /// The status the request is answered with.
    pub fn status(self) -> StatusCode {
        match self.case {
            Case::AllowedPreflight => StatusCode::NO_CONTENT,
            _ => StatusCode::OK,
        }
    }
}
