//! Heap allocations per request on the CORS path, counted by a global allocator.
//!
//! The README's performance promise: no heap allocation per request on the CORS path
//! beyond inserting response headers. For each of the five requests this test counts the allocations of one
//! request through `#[cors]` (ours), through the same route without CORS (the floor) and,
//! for context, through the floor + headers route (ours' answer from `const` values) and
//! tower-http's `CorsLayer`, and asserts
//! `ours <= floor + (what inserting ours' extra response headers costs)`.
//!
//! The counter is process-wide, so the tests take turns and each runs on its own thread
//! with the futures polled by hand (no runtime, no other thread allocating); each count is
//! the minimum over many repetitions (anything else could only add). Run with
//! `--nocapture` to see the table.

use std::future::Future;
use std::pin::pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

use axum::Router;
use axum::body::Body;
use cors_benches::{ALLOWED_ORIGIN, Case, Server, adversarial, floor_headers, preflight_with};
use http::{HeaderMap, Request, Response};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use tower::ServiceExt;

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

const REPEATS: usize = 50;

/// The counter is process-wide: the tests of this file take turns.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Allocations (fresh and grown) while `f` runs.
fn count<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let region = Region::new(GLOBAL);
    let out = f();
    let change = region.change();
    (change.allocations + change.reallocations, out)
}

/// Runs a future that completes without waiting (every handler here does).
fn now<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the request did not complete on its first poll"),
    }
}

/// One request through a clone of `router`, request built and response dropped outside
/// the count.
fn one_request(router: &Router, request: Request<Body>) -> (usize, Response<Body>) {
    let router = router.clone();
    count(|| match now(router.oneshot(request)) {
        Ok(response) => response,
        Err(never) => match never {},
    })
}

/// The minimum count over [`REPEATS`] requests (after a warm-up one), and a response.
fn min_allocations(router: &Router, case: Case) -> (usize, Response<Body>) {
    min_allocations_of(router, || case.request())
}

/// [`min_allocations`] for any request.
fn min_allocations_of(
    router: &Router,
    make: impl Fn() -> Request<Body>,
) -> (usize, Response<Body>) {
    let (_, mut response) = one_request(router, make());
    let mut min = usize::MAX;
    for _ in 0..REPEATS {
        let (n, r) = one_request(router, make());
        min = min.min(n);
        response = r;
    }
    (min, response)
}

/// What setting ours' response headers costs by itself: for an actual request, inserting
/// (as ours does) every header ours' response has and the floor's lacks into the floor's
/// own fresh response; for a preflight, which ours answers with a response of its own,
/// inserting ours' headers into an empty map.
fn header_cost(router: &Router, case: Case, ours: &HeaderMap) -> usize {
    let mut min = usize::MAX;
    for _ in 0..REPEATS {
        // A map in the state ours finds it in: empty for a preflight, else the floor's
        // own response headers (taken, not cloned: a clone would have no spare capacity).
        let mut target = match case {
            _ if case.is_preflight() => HeaderMap::new(),
            _ => std::mem::take(one_request(router, case.request()).1.headers_mut()),
        };
        let extra: Vec<_> = ours
            .iter()
            .filter(|(name, _)| !target.contains_key(*name))
            .map(|(n, v)| (n.clone(), v.clone()))
            .collect();
        let (n, ()) = count(|| {
            for (name, value) in extra {
                target.append(name, value);
            }
        });
        min = min.min(n);
    }
    min
}

#[test]
fn cors_path_allocates_only_for_response_headers() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let ours = Server::Ours.router();
    let tower = Server::TowerHttp.router();
    let floor = Server::NoCors.router();

    let mut rows = Vec::new();
    for case in Case::ALL {
        let (ours_n, ours_response) = min_allocations(&ours, case);
        let (tower_n, _) = min_allocations(&tower, case);
        let (floor_n, _) = min_allocations(&floor, case);
        let headers = header_cost(&floor, case, ours_response.headers());
        let (route_n, _) = min_allocations(&floor_headers::router(case), case);
        rows.push((case, ours_n, floor_n, headers, route_n, tower_n));
    }

    println!("allocations per request (min of {REPEATS}):");
    println!(
        "| request | ours | no CORS (floor) | header insertion | floor + headers | \
         floor + headers route | tower-http |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for &(case, ours_n, floor_n, headers, route_n, tower_n) in &rows {
        println!(
            "| {} | {ours_n} | {floor_n} | {headers} | {} | {route_n} | {tower_n} |",
            case.name(),
            floor_n + headers
        );
    }
    for &(case, ours_n, floor_n, headers, _, _) in &rows {
        assert!(
            ours_n <= floor_n + headers,
            "{}: ours allocates {ours_n} times per request, the floor {floor_n} plus {headers} \
             for the headers (see BENCHMARKS.md, \"Allocations\")",
            case.name()
        );
    }
}

/// A hostile `Access-Control-Request-Headers` is refused without allocating per
/// item: the refusal costs no more than an allowed preflight, whatever its size.
#[test]
fn hostile_preflights_do_not_allocate_per_item() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let ours = Server::Ours.router();
    let (allowed, _) = min_allocations(&ours, Case::AllowedPreflight);
    for (name, value) in [
        ("commas_1mib", adversarial::commas_1mib()),
        ("distinct_names_10k", adversarial::distinct_names_10k()),
        ("allowed_names_at_cap", adversarial::allowed_names_at_cap()),
    ] {
        let (n, response) =
            min_allocations_of(&ours, || preflight_with(ALLOWED_ORIGIN, value.clone()));
        println!(
            "{name}: {n} allocations ({}), allowed preflight: {allowed}",
            response.status()
        );
        assert!(
            n <= allowed,
            "{name}: {n} allocations, an allowed preflight {allowed}"
        );
    }
}
