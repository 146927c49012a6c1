//! The live-set ratios of `benches/live.rs`, robust to a drifting machine: as in
//! `benches/interleaved.rs`, every round times one batch of each variant back to back (in
//! a rotating order) and each ratio is taken within the round; the report is the median of
//! the per-round ratios with the interquartile range.
//!
//! Variants (`cors_benches::live_origins`): compiled-in 1 and 1,000 origins, live sets of
//! 1, 1,000 and 100,000, each sent its last origin; and `spread`: the live sets of 1,000
//! and 100,000 and the compiled-in 1,000 sent a different one of their origins on each
//! request (a stride through the whole list), so that the lookup does not find its entry in the cache unless
//! the whole set fits there: a reference for a server whose requests come from many
//! tenants, not one of the targets.
//!
//! `cargo bench -p cors-benches --bench live_interleaved` (`ROUNDS=200 BATCH=1000` by
//! default; `CASES=allowed_actual` or `CASES=allowed_preflight` for one request kind).

use std::cell::Cell;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use cors_benches::interleaved::{env_number, quartiles, time_batch};
use cors_benches::live_origins::{LiveCase, Source, origins};
use cors_benches::{Case, REQUESTED_HEADERS, actual, preflight, runtime, scaling, send};
use http::Request;

/// Every `STRIDE`-th origin in turn (coprime with 1,000 and 100,000: all are sent).
const STRIDE: usize = 7919;

/// What one variant sends: always its last origin, or spread over its origins (the next
/// in the stride on each request, across batches).
enum Origins {
    Last(LiveCase),
    Spread(&'static [&'static str], Cell<usize>),
}

impl Origins {
    fn request(&self, case: Case) -> Request<Body> {
        match self {
            Origins::Last(live_case) => live_case.request(),
            Origins::Spread(all, next) => {
                let i = next.get();
                next.set((i + STRIDE) % all.len());
                let origin = all[i];
                match case {
                    Case::AllowedActual => actual(Some(origin)),
                    _ => preflight(origin, REQUESTED_HEADERS),
                }
            }
        }
    }
}

fn main() {
    let rounds = env_number("ROUNDS", 200);
    let batch = env_number("BATCH", 1000);
    let rt = runtime();
    // Leaked once: the requests take `&'static str` origins, like every bench here.
    let big: &'static [&'static str] = origins(100_000)
        .into_iter()
        .map(|o| &*o.leak())
        .collect::<Vec<_>>()
        .leak();
    let small = scaling::origins(1000);
    println!(
        "{rounds} rounds of {batch} requests per variant; median of per-round ratios [p25-p75]\n"
    );
    println!(
        "| request | live / compiled, 1 | live / compiled, 1,000 | live 100,000 / live 1 \
         | spread: live / compiled, 1,000 | live 1,000 spread / live 1 \
         | live 100,000 spread / live 1 \
         | live 1 (median) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let cases = std::env::var("CASES").unwrap_or_default();
    let chosen = |case: &Case| cases.is_empty() || cases.split(',').any(|c| c == case.name());
    for case in LiveCase::CASES.into_iter().filter(chosen) {
        let at = |source, n| LiveCase { source, case, n };
        let last = |source, n| (at(source, n), Origins::Last(at(source, n)));
        let spread = |source, n, all| (at(source, n), Origins::Spread(all, Cell::new(0)));
        // Indices: 0 compiled 1, 1 live 1, 2 compiled 1,000, 3 live 1,000, 4 live 100,000;
        // spread: 5 live 100,000, 6 live 1,000, 7 compiled 1,000.
        let variants = [
            last(Source::Compiled, 1),
            last(Source::Live, 1),
            last(Source::Compiled, 1000),
            last(Source::Live, 1000),
            last(Source::Live, 100_000),
            spread(Source::Live, 100_000, big),
            spread(Source::Live, 1000, small),
            spread(Source::Compiled, 1000, small),
        ];
        let routers: Vec<(Router, &Origins)> = variants
            .iter()
            .map(|(live_case, origins)| (live_case.router(), origins))
            .collect();
        for ((router, origins), (live_case, _)) in routers.iter().zip(&variants) {
            for _ in 0..3 {
                let status = rt.block_on(send(router, origins.request(case))).status();
                assert_eq!(status, live_case.status(), "{}", live_case.name());
            }
        }
        // Warm-up: caches, allocator and branch predictors see every variant first.
        for (router, origins) in &routers {
            time_batch(
                &rt,
                router,
                (0..batch).map(|_| origins.request(case)).collect(),
            );
        }
        let mut per_round: Vec<Vec<f64>> = vec![Vec::new(); routers.len()];
        for round in 0..rounds {
            let mut times = vec![Duration::ZERO; routers.len()];
            for k in 0..routers.len() {
                let i = (round + k) % routers.len();
                let (router, origins) = &routers[i];
                times[i] = time_batch(
                    &rt,
                    router,
                    (0..batch).map(|_| origins.request(case)).collect(),
                );
            }
            for (i, time) in times.iter().enumerate() {
                per_round[i].push(time.as_secs_f64());
            }
        }
        let ratio = |a: usize, b: usize| {
            let ratios: Vec<f64> = per_round[a]
                .iter()
                .zip(&per_round[b])
                .map(|(a, b)| a / b)
                .collect();
            show(quartiles(ratios))
        };
        let (live_1, _, _) = quartiles(per_round[1].clone());
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {:.2} µs |",
            case.name(),
            ratio(1, 0),
            ratio(3, 2),
            ratio(4, 1),
            ratio(6, 7),
            ratio(6, 1),
            ratio(5, 1),
            live_1 * 1e6 / batch as f64
        );
    }
}

fn show((median, p25, p75): (f64, f64, f64)) -> String {
    format!("**{median:.3}** [{p25:.3}-{p75:.3}]")
}
