//! Live origin sets against the same origins compiled into the attribute, side by side in
//! one run (`cors_benches::live_origins`): groups `live_actual` (an allowed `GET`) and
//! `live_preflight` (an allowed preflight), each with `compiled/1`, `live/1`,
//! `live/100000`, `live/1000` and `compiled/1000`, in that order so that each pair
//! compared runs back to back. In-process through a full `axum::Router`, the request built
//! outside the timed part, the live sets filled before any request.
//!
//! `cargo bench -p cors-benches --bench live -- --warm-up-time 1 --measurement-time 3`,
//! then `python3 benches/live_ratios.py` for the ratios.

use cors_benches::live_origins::LiveCase;
use cors_benches::{runtime, send};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};

fn live(c: &mut Criterion) {
    let rt = runtime();
    for case in LiveCase::CASES {
        let group_name = if case.is_preflight() {
            "live_preflight"
        } else {
            "live_actual"
        };
        let mut group = c.benchmark_group(group_name);
        for live_case in LiveCase::all(case) {
            let router = live_case.router();
            let label = live_case.name();
            let status = rt.block_on(send(&router, live_case.request())).status();
            assert_eq!(status, live_case.status(), "{label}");
            let id = BenchmarkId::new(live_case.source.name(), live_case.n);
            let router = &router;
            group.bench_function(id, |b| {
                b.to_async(&rt).iter_batched(
                    || live_case.request(),
                    |request| async move { send(router, request).await },
                    BatchSize::SmallInput,
                );
            });
        }
        group.finish();
    }
}

criterion_group!(benches, live);
criterion_main!(benches);
