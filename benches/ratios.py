#!/usr/bin/env python3
"""Prints the BENCHMARKS.md tables from one or more `cargo bench -p cors-benches` runs.

Reads criterion's estimates (each benchmark's median time per request: on a shared,
noisy machine it is steadier than the mean). Every ratio is computed within one run,
then the median over the runs is shown; absolute times are medians over the runs too,
for context only.

    python3 benches/ratios.py                      # $CARGO_TARGET_DIR/criterion
    python3 benches/ratios.py RUN1_DIR RUN2_DIR ...  # copies of criterion/ from several runs

Each ratio cell is the median of the per-run ratios, followed by their spread (lowest-
highest) when there are several runs. `floor_headers` is the route answering the request
with ours' exact response from const values (benches/src/lib.rs, `floor_headers`).
"""

import json
import os
import statistics
import sys

runs = sys.argv[1:] or [
    os.path.join(os.environ.get("CARGO_TARGET_DIR", "/work/target-bench"), "criterion")
]


def median_ns(run, *path):
    with open(os.path.join(run, *path, "new", "estimates.json")) as f:
        return json.load(f)["median"]["point_estimate"]


def across(f):
    """Median over the runs of f(run)."""
    return statistics.median(f(run) for run in runs)


def fmt(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def ratio(f):
    """f(run) for each run: the median, and the spread (min-max) when there are several."""
    values = sorted(f(run) for run in runs)
    median = f"**{statistics.median(values):.2f}**"
    return median if len(values) == 1 else f"{median} ({values[0]:.2f}-{values[-1]:.2f})"


def has(run, *path):
    return os.path.exists(os.path.join(run, *path, "new", "estimates.json"))


print(f"({len(runs)} run(s); ratios within a run, then the median over runs, spread in brackets)")
print()
print(
    "| request | ours / floor+headers | ours / tower-http | ours / no CORS "
    "| ours | floor+headers | tower-http | no CORS |"
)
print("|---|---:|---:|---:|---:|---:|---:|---:|")
cases = ["allowed_preflight", "refused_preflight", "allowed_actual", "disallowed_actual", "no_origin"]
servers = ["ours", "floor_headers", "tower_http", "no_cors"]
for case in cases:
    if not all(has(r, case, s) for r in runs for s in servers):
        continue  # a run from before this group existed
    o, f, t, n = (across(lambda r: median_ns(r, case, s)) for s in servers)
    of, ot, on = (
        ratio(lambda r: median_ns(r, case, "ours") / median_ns(r, case, s))
        for s in ["floor_headers", "tower_http", "no_cors"]
    )
    print(f"| {case} | {of} | {ot} | {on} | {fmt(o)} | {fmt(f)} | {fmt(t)} | {fmt(n)} |")

sizes = [1, 10, 100, 1000]
for group in ["origins_actual", "origins_preflight"]:
    print()
    print(f"| {group} | 1,000 / 1 | " + " | ".join(f"{s} origin(s)" for s in sizes) + " |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    for server in ["ours", "tower_http"]:
        times = [across(lambda r: median_ns(r, group, server, str(s))) for s in sizes]
        scale = ratio(lambda r: median_ns(r, group, server, "1000") / median_ns(r, group, server, "1"))
        cells = " | ".join(fmt(t) for t in times)
        print(f"| {server} | {scale} | {cells} |")

print()
print("| adversarial preflight | ours | tower-http |")
print("|---|---:|---:|")
for case in ["commas_1mib", "distinct_names_10k", "allowed_names_at_cap"]:
    o, t = (across(lambda r: median_ns(r, "adversarial", s, case)) for s in ["ours", "tower_http"])
    print(f"| {case} | {fmt(o)} | {fmt(t)} |")
