//! Sends one request kind through one variant COUNT times, for counting instructions
//! under `valgrind --tool=callgrind` (`benches/instructions.sh`): a measure this
//! machine's drifting speed cannot move.
//!
//! `instructions CASE VARIANT COUNT`, CASE as in the reports (`allowed_preflight`, ...),
//! VARIANT one of `ours`, `floor_headers`, `tower_http`, `no_cors`. As in the timed
//! benches, the requests are built before and the responses dropped after
//! [`send_all`], the only function the script counts.
//!
//! CASE may also name a live origin set or its compiled-in twin
//! (`cors_benches::live_origins`): `{live,compiled}_{allowed_actual,allowed_preflight}_{N}`,
//! e.g. `live_allowed_actual_100000`, with VARIANT `ours` only (`benches/live_instructions.sh`).
//! The set is filled before the first request, outside the count. With `_spread`
//! appended (e.g. `live_allowed_actual_100000_spread`) each request sends a different
//! origin of the set (every 7,919th in turn), for `--cache-sim=yes`: where a set too big
//! for the cache misses it.

use axum::Router;
use axum::body::Body;
use cors_benches::live_origins::{self, LiveCase};
use cors_benches::{Case, REQUESTED_HEADERS, Variant, actual, preflight, runtime, send};
use http::{Request, Response};
use tokio::runtime::Runtime;

fn main() {
    let mut args = std::env::args().skip(1);
    let case_name = args.next().expect("CASE");
    let variant = args.next().expect("VARIANT");
    let count: usize = args
        .next()
        .expect("COUNT")
        .parse()
        .expect("COUNT is a number");
    let (live_name, spread) = match case_name.strip_suffix("_spread") {
        Some(name) => (name, true),
        None => (case_name.as_str(), false),
    };
    if let Some(live_case) = LiveCase::parse(live_name) {
        assert_eq!(variant, "ours", "live cases have the variant `ours` only");
        return count_live(live_case, spread, count);
    }
    let case = Case::ALL
        .into_iter()
        .find(|c| c.name() == case_name)
        .expect("a known CASE");
    let variant = Variant::ALL
        .into_iter()
        .find(|v| v.name() == variant)
        .expect("a known VARIANT");
    let router = variant.router(case);
    let rt = runtime();
    // One request first, outside the count: lazily built state (the compiled policy).
    drop(send_all(&rt, &router, vec![case.request()]));
    let requests = (0..count).map(|_| case.request()).collect();
    let responses = send_all(&rt, &router, requests);
    assert!(
        responses
            .iter()
            .all(|r| r.status() == case.status(variant.answers_as()))
    );
}

/// As `main` for a live origin set or its compiled-in twin; `spread`: each request from
/// another of its origins.
fn count_live(case: LiveCase, spread: bool, count: usize) {
    let router = case.router();
    let rt = runtime();
    drop(send_all(&rt, &router, vec![case.request()]));
    let requests = if spread {
        let origins: &'static [String] = live_origins::origins(case.n).leak();
        (0..count)
            .map(|i| {
                let origin = origins[(i * 7919) % origins.len()].as_str();
                match case.case {
                    Case::AllowedActual => actual(Some(origin)),
                    _ => preflight(origin, REQUESTED_HEADERS),
                }
            })
            .collect()
    } else {
        (0..count).map(|_| case.request()).collect()
    };
    let responses = send_all(&rt, &router, requests);
    assert!(responses.iter().all(|r| r.status() == case.status()));
}

/// The counted part: every request through a clone of the router.
#[inline(never)]
fn send_all(rt: &Runtime, router: &Router, requests: Vec<Request<Body>>) -> Vec<Response<Body>> {
    let mut responses = Vec::with_capacity(requests.len());
    rt.block_on(async {
        for request in requests {
            responses.push(send(router, request).await);
        }
    });
    responses
}
