//! Sends one request kind through one variant COUNT times, for counting instructions
//! under `valgrind --tool=callgrind` (`benches/instructions.sh`): a measure this
//! machine's drifting speed cannot move.
//!
//! `instructions CASE VARIANT COUNT`, CASE as in the reports (`allowed_preflight`, ...),
//! VARIANT one of `ours`, `floor_headers`, `tower_http`, `no_cors`. As in the timed
//! benches, the requests are built before and the responses dropped after
//! [`send_all`], the only function the script counts.

use axum::Router;
use axum::body::Body;
use cors_benches::{Case, Variant, runtime, send};
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
