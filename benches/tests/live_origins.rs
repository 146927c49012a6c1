//! The live origin sets of the benchmarks (`cors_benches::live_origins`) hold the strings
//! of the compiled-in policies they are compared with and answer exactly as those do:
//! otherwise the ratio live / compiled in BENCHMARKS.md would compare different work.

use axum::Router;
use axum::body::{Body, to_bytes};
use cors_benches::live_origins::{
    COMPILED_SIZES, LIVE_SIZES, LiveCase, Source, generated_origin, origins, request_origin,
};
use cors_benches::{Case, scaling};
use http::{HeaderName, HeaderValue, Request, StatusCode};
use tower::ServiceExt;

async fn answer(
    router: Router,
    request: Request<Body>,
) -> (StatusCode, Vec<(HeaderName, HeaderValue)>, Vec<u8>) {
    let response = match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let status = response.status();
    let lines = response
        .headers()
        .iter()
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let body = to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("in-memory body");
    (status, lines, body.to_vec())
}

#[test]
fn live_sets_hold_build_rs_strings_and_the_request_origin_is_last() {
    for n in COMPILED_SIZES {
        assert_eq!(origins(n), scaling::origins(n), "{n}");
        let generated: Vec<String> = (0..n).map(generated_origin).collect();
        assert_eq!(generated, scaling::origins(n), "build.rs writes them so");
    }
    let big = origins(100_000);
    assert_eq!(big.len(), 100_000);
    assert_eq!(big[..1000], *scaling::origins(1000));
    for n in LIVE_SIZES {
        let all = origins(n);
        assert_eq!(request_origin(n), all[n - 1]);
        assert_eq!(
            all.iter().max().map(String::as_str),
            Some(request_origin(n))
        );
    }
}

#[tokio::test]
async fn live_sets_answer_as_the_compiled_in_policies() {
    for case in LiveCase::CASES {
        for n in LIVE_SIZES {
            let live = LiveCase {
                source: Source::Live,
                case,
                n,
            };
            let answer_live = answer(live.router(), live.request()).await;
            assert_eq!(answer_live.0, live.status(), "{}", live.name());
            let origin = HeaderValue::from_static(request_origin(n));
            assert!(
                answer_live.1.iter().any(|(_, value)| *value == origin),
                "{} echoes its origin",
                live.name()
            );
            // The same answer as the compiled-in policy with as many origins, or (100,000)
            // as the compiled-in one of 1,000 with its origin.
            let twin = LiveCase {
                source: Source::Compiled,
                case,
                n: n.min(1000),
            };
            let mut answer_twin = answer(twin.router(), twin.request()).await;
            for (_, value) in &mut answer_twin.1 {
                if value.as_bytes() == request_origin(twin.n).as_bytes() {
                    *value = origin.clone();
                }
            }
            assert_eq!(
                answer_live,
                answer_twin,
                "{} / {}",
                live.name(),
                twin.name()
            );
        }
    }
    // The set is what allows: an origin it does not hold is refused.
    let refused = answer(
        LiveCase {
            source: Source::Live,
            case: Case::AllowedPreflight,
            n: 1,
        }
        .router(),
        cors_benches::preflight(request_origin(1000), cors_benches::REQUESTED_HEADERS),
    )
    .await;
    assert_eq!(refused.0, StatusCode::FORBIDDEN);
}

#[test]
fn live_case_names_round_trip() {
    for case in LiveCase::CASES {
        for live_case in LiveCase::all(case) {
            assert_eq!(LiveCase::parse(&live_case.name()), Some(live_case));
        }
    }
    assert_eq!(
        LiveCase::parse("live_allowed_actual_100000").map(|c| (c.source, c.n)),
        Some((Source::Live, 100_000))
    );
    assert_eq!(LiveCase::parse("allowed_actual"), None);
}
