//! Ratios that survive a noisy machine: the variants of each request take turns.
//!
//! Criterion times one variant for seconds, then the next; on a shared or virtual machine
//! whose speed drifts by tens of percent from one second to the next, a ratio of two such
//! timings measures the drift as much as the code. Here every round times one batch of
//! each variant back to back (in a rotating order), and the ratio is taken within the
//! round: drift slower than a round cancels out. The report is the median of the
//! per-round ratios with the interquartile range.
//!
//! `cargo bench -p cors-benches --bench interleaved` (about a minute);
//! `ROUNDS=400 BATCH=2000 cargo bench -p cors-benches --bench interleaved` for more;
//! `CASES=allowed_preflight,no_origin ...` for some requests only.

use std::time::Duration;

use cors_benches::interleaved::{env_number, quartiles, time_batch};
use cors_benches::{Case, Variant, runtime, send};

fn main() {
    let rounds = env_number("ROUNDS", 300);
    let batch = env_number("BATCH", 1000);
    let rt = runtime();
    println!(
        "{rounds} rounds of {batch} requests per variant; median of per-round ratios [p25-p75]\n"
    );
    println!(
        "| request | ours / floor+headers | ours / tower-http | ours / no CORS | ours (median) |"
    );
    println!("|---|---:|---:|---:|---:|");
    let cases = std::env::var("CASES").unwrap_or_default();
    let chosen = |case: &Case| cases.is_empty() || cases.split(',').any(|c| c == case.name());
    for case in Case::ALL.into_iter().filter(chosen) {
        let routers = Variant::ALL.map(|variant| variant.router(case));
        for (router, variant) in routers.iter().zip(Variant::ALL) {
            let status = rt.block_on(send(router, case.request())).status();
            let (case_name, name) = (case.name(), variant.name());
            assert_eq!(
                status,
                case.status(variant.answers_as()),
                "{case_name}/{name}"
            );
        }
        // Warm-up: caches, allocator and branch predictors see every variant first.
        for router in &routers {
            time_batch(&rt, router, (0..batch).map(|_| case.request()).collect());
        }
        let mut per_round: [Vec<f64>; 4] = Default::default();
        for round in 0..rounds {
            let mut times = [Duration::ZERO; 4];
            for k in 0..routers.len() {
                let i = (round + k) % routers.len();
                times[i] = time_batch(
                    &rt,
                    &routers[i],
                    (0..batch).map(|_| case.request()).collect(),
                );
            }
            for (i, time) in times.iter().enumerate() {
                per_round[i].push(time.as_secs_f64());
            }
        }
        let ratio = |other: usize| {
            let ratios: Vec<f64> = per_round[0]
                .iter()
                .zip(&per_round[other])
                .map(|(ours, other)| ours / other)
                .collect();
            quartiles(ratios)
        };
        let (ours_median, _, _) = quartiles(per_round[0].clone());
        println!(
            "| {} | {} | {} | {} | {:.2} µs |",
            case.name(),
            show(ratio(1)),
            show(ratio(2)),
            show(ratio(3)),
            ours_median * 1e6 / batch as f64
        );
    }
}

fn show((median, p25, p75): (f64, f64, f64)) -> String {
    format!("**{median:.2}** [{p25:.2}-{p75:.2}]")
}
