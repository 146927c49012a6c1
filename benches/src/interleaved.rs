//! What the interleaved benches share (`benches/interleaved.rs`, `benches/live_interleaved.rs`):
//! timing one batch of requests, the quartiles of per-round ratios, their settings.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use http::Request;
use tokio::runtime::Runtime;

use crate::send;

/// The time to send `requests` through clones of `router`, in order. As in the criterion
/// benches, the requests are built before the clock starts and the responses dropped
/// after it stops.
pub fn time_batch(rt: &Runtime, router: &Router, requests: Vec<Request<Body>>) -> Duration {
    let mut responses = Vec::with_capacity(requests.len());
    let elapsed = rt.block_on(async {
        let start = Instant::now();
        for request in requests {
            responses.push(send(router, request).await);
        }
        start.elapsed()
    });
    drop(responses);
    elapsed
}

/// (median, p25, p75).
pub fn quartiles(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.25), at(0.75))
}

/// The number in the environment variable `name`, or `default`.
pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}
