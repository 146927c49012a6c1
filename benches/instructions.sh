#!/usr/bin/env bash
# Instructions per request, counted by valgrind's callgrind: a measure this machine's
# drifting speed cannot move (criterion's and the interleaved bench's ratios can).
# For each request kind and variant, the `instructions` binary sends N1 and then N2
# requests, counting only its `send_all` (as the timed benches time only the sending:
# requests are built before, responses dropped after); the difference of the two
# totals divided by N2 - N1 is the cost of one request, without any setup.
#
#   benches/instructions.sh                       # all five requests, four variants
#   CASES=allowed_preflight VARIANTS="ours floor_headers" benches/instructions.sh
#
# Needs valgrind (Debian: apt-get install -y valgrind). It is a benchmark, not a test:
# nothing in the test suite runs it.
set -euo pipefail

cd "$(dirname "$0")/.."
CASES=${CASES:-"allowed_preflight refused_preflight allowed_actual disallowed_actual no_origin"}
VARIANTS=${VARIANTS:-"ours floor_headers tower_http no_cors"}
N1=${N1:-100}
N2=${N2:-1100}

if ! command -v valgrind >/dev/null; then
    echo "benches/instructions.sh needs valgrind (apt-get install -y valgrind)" >&2
    exit 1
fi
cargo build --quiet --release -p cors-benches --bin instructions
bin=${CARGO_TARGET_DIR:-target}/release/instructions
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Total instructions of one run of COUNT requests.
total() {
    valgrind --tool=callgrind --toggle-collect='instructions::send_all*' \
        --callgrind-out-file="$out/cg" "$bin" "$1" "$2" "$3" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

echo "instructions per request (callgrind, ($N2 - $N1) requests); ratio ours / variant"
echo
printf '| request |'; for v in $VARIANTS; do printf ' %s |' "$v"; done
for v in $VARIANTS; do [ "$v" = ours ] || printf ' ours / %s |' "$v"; done; echo
printf '|---|'; for v in $VARIANTS; do printf -- '---:|'; done
for v in $VARIANTS; do [ "$v" = ours ] || printf -- '---:|'; done; echo
for case in $CASES; do
    declare -A per=()
    for v in $VARIANTS; do
        a=$(total "$case" "$v" "$N1")
        b=$(total "$case" "$v" "$N2")
        per[$v]=$(( (b - a) / (N2 - N1) ))
    done
    printf '| %s |' "$case"; for v in $VARIANTS; do printf ' %s |' "${per[$v]}"; done
    for v in $VARIANTS; do
        [ "$v" = ours ] || [ -z "${per[ours]:-}" ] || printf ' %s |' \
            "$(awk -v a="${per[ours]}" -v b="${per[$v]}" 'BEGIN { printf "%.3f", a / b }')"
    done
    echo
    unset per
done
