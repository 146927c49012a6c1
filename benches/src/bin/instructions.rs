//! Runs one request kind through one variant COUNT times, for counting instructions
//! under `valgrind --tool=callgrind` (benches/instructions.sh): a measure this machine's
//! drifting speed cannot move.
//!
//! `instructions CASE VARIANT COUNT`, CASE as in the reports (`allowed_preflight`, ...),
//! VARIANT one of `ours`, `floor_headers`, `tower_http`, `no_cors`.

use cors_benches::{Case, Server, floor_headers, runtime, send};

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
    let router = match variant.as_str() {
        "ours" => Server::Ours.router(),
        "floor_headers" => floor_headers::router(case),
        "tower_http" => Server::TowerHttp.router(),
        "no_cors" => Server::NoCors.router(),
        other => panic!("unknown VARIANT {other}"),
    };
    let rt = runtime();
    rt.block_on(async {
        for _ in 0..count {
            std::hint::black_box(send(&router, case.request()).await);
        }
    });
}
