//! Criterion benchmarks, in-process through a full `axum::Router` (`oneshot` on a clone
//! of the router, the request built outside the timed part).
//!
//! Groups are arranged so one run reports the variants side by side:
//! - `allowed_preflight`, `refused_preflight`, `allowed_actual`, `disallowed_actual`,
//!   `no_origin`: `ours`, `tower_http` and `no_cors` with the same policy, and
//!   `floor_headers`, a route answering that one request with ours' exact response from
//!   `const` values (no decision);
//! - `origins_actual/{ours,tower_http}/{1,10,100,1000}` and `origins_preflight/...`:
//!   allowed-origin lists of growing size, matched on their last entry;
//! - `adversarial`: hostile `Access-Control-Request-Headers` values.
//!
//! `cargo bench -p cors-benches -- --warm-up-time 1 --measurement-time 3`

use axum::Router;
use axum::body::Body;
use cors_benches::{
    Case, Server, adversarial, floor_headers, preflight_with, runtime, scaling, send,
};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use http::{HeaderValue, Request, StatusCode};
use tokio::runtime::Runtime;

/// Times `make()` requests against `router`; the request is built outside the timing.
fn bench_request(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    rt: &Runtime,
    id: BenchmarkId,
    label: &str,
    router: &Router,
    make: impl Fn() -> Request<Body>,
    expect: StatusCode,
) {
    let status = rt.block_on(send(router, make())).status();
    assert_eq!(status, expect, "{label}");
    group.bench_function(id, |b| {
        b.to_async(rt).iter_batched(
            &make,
            |request| async move { send(router, request).await },
            BatchSize::SmallInput,
        );
    });
}

fn side_by_side(c: &mut Criterion) {
    let rt = runtime();
    let routers: Vec<(Server, Router)> = Server::ALL.iter().map(|&s| (s, s.router())).collect();
    for case in Case::ALL {
        let mut group = c.benchmark_group(case.name());
        let floor = floor_headers::router(case);
        let variants = routers
            .iter()
            .map(|(server, router)| (server.name(), router, case.status(*server)))
            .chain([("floor_headers", &floor, case.status(Server::Ours))]);
        for (name, router, expect) in variants {
            let id = BenchmarkId::from_parameter(name);
            let label = format!("{}/{name}", case.name());
            bench_request(
                &mut group,
                &rt,
                id,
                &label,
                router,
                || case.request(),
                expect,
            );
        }
        group.finish();
    }
}

fn origins(c: &mut Criterion) {
    let rt = runtime();
    for (group_name, preflight) in [("origins_actual", false), ("origins_preflight", true)] {
        let mut group = c.benchmark_group(group_name);
        for (name, build) in [
            ("ours", scaling::ours as fn(usize) -> Router),
            ("tower_http", scaling::tower_http),
        ] {
            for n in scaling::SIZES {
                let router = build(n);
                let origin = scaling::request_origin(n);
                let (make, expect): (Box<dyn Fn() -> Request<Body>>, _) = if preflight {
                    let ok = if name == "ours" {
                        StatusCode::NO_CONTENT
                    } else {
                        StatusCode::OK
                    };
                    (
                        Box::new(move || {
                            cors_benches::preflight(origin, cors_benches::REQUESTED_HEADERS)
                        }),
                        ok,
                    )
                } else {
                    (
                        Box::new(move || cors_benches::actual(Some(origin))),
                        StatusCode::OK,
                    )
                };
                let id = BenchmarkId::new(name, n);
                let label = format!("{group_name}/{name}/{n}");
                bench_request(&mut group, &rt, id, &label, &router, make, expect);
            }
        }
        group.finish();
    }
}

fn hostile(c: &mut Criterion) {
    let rt = runtime();
    let mut group = c.benchmark_group("adversarial");
    let cases: [(&str, HeaderValue, StatusCode); 3] = [
        (
            "commas_1mib",
            adversarial::commas_1mib(),
            StatusCode::FORBIDDEN,
        ),
        (
            "distinct_names_10k",
            adversarial::distinct_names_10k(),
            StatusCode::FORBIDDEN,
        ),
        (
            "allowed_names_at_cap",
            adversarial::allowed_names_at_cap(),
            StatusCode::NO_CONTENT,
        ),
    ];
    for server in [Server::Ours, Server::TowerHttp] {
        let router = server.router();
        for (name, value, ours_status) in &cases {
            // tower-http does not read the requested headers: it answers every allowed
            // origin's preflight with its list and leaves the check to the browser.
            let expect = if server == Server::Ours {
                *ours_status
            } else {
                StatusCode::OK
            };
            let make = || preflight_with(cors_benches::ALLOWED_ORIGIN, value.clone());
            let id = BenchmarkId::new(server.name(), name);
            let label = format!("adversarial/{}/{name}", server.name());
            bench_request(&mut group, &rt, id, &label, &router, make, expect);
        }
    }
    group.finish();
}

criterion_group!(benches, side_by_side, origins, hostile);
criterion_main!(benches);
