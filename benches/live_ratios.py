#!/usr/bin/env python3
"""Prints the "Live origin sets" table of BENCHMARKS.md from one or more runs of
`cargo bench -p cors-benches --bench live`.

Reads criterion's median time per request of each benchmark. Each ratio is computed
within one run; the cell shows each run's ratio, then the median over the runs and the
spread (lowest-highest). Absolute times are medians over the runs, for context only.

    python3 benches/live_ratios.py                 # $CARGO_TARGET_DIR/criterion
    python3 benches/live_ratios.py RUN1 RUN2 ...   # copies of criterion/ from several runs
"""

import json
import os
import statistics
import sys

runs = sys.argv[1:] or [
    os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "criterion")
]


def median_ns(run, group, source, n):
    with open(os.path.join(run, group, source, str(n), "new", "estimates.json")) as f:
        return json.load(f)["median"]["point_estimate"]


def fmt(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def ratio(group, a, b):
    """a / b in each run, as (source, n) pairs: per run, then median (spread)."""
    values = [median_ns(r, group, *a) / median_ns(r, group, *b) for r in runs]
    per_run = " / ".join(f"{v:.3f}" for v in values)
    if len(values) == 1:
        return f"**{values[0]:.3f}**"
    s = sorted(values)
    return f"{per_run}; **{statistics.median(s):.3f}** ({s[0]:.3f}-{s[-1]:.3f})"


pairs = [
    ("live / compiled, 1 origin (target <= 1.05)", ("live", 1), ("compiled", 1)),
    ("live / compiled, 1,000 origins (target <= 1.05)", ("live", 1000), ("compiled", 1000)),
    ("live 100,000 / live 1 (target <= 1.1)", ("live", 100000), ("live", 1)),
]
groups = [("live_actual", "allowed `GET`"), ("live_preflight", "allowed preflight")]

print(f"({len(runs)} run(s): per-run ratios; median (lowest-highest))")
print()
print("| ratio | " + " | ".join(title for _, title in groups) + " |")
print("|---|" + "---:|" * len(groups))
for title, a, b in pairs:
    print(f"| {title} | " + " | ".join(ratio(g, a, b) for g, _ in groups) + " |")

print()
benches = [("compiled", 1), ("live", 1), ("compiled", 1000), ("live", 1000), ("live", 100000)]
print("| median time | " + " | ".join(f"{s} {n:,}" for s, n in benches) + " |")
print("|---|" + "---:|" * len(benches))
for group, title in groups:
    cells = [fmt(statistics.median(median_ns(r, group, s, n) for r in runs)) for s, n in benches]
    print(f"| {title} | " + " | ".join(cells) + " |")
