#!/usr/bin/env bash
# Instructions per request of live origin sets against the same origins compiled into the
# attribute (benches/src/live_origins.rs), counted by benches/instructions.sh (callgrind,
# the difference of N2 and N1 requests; filling a set is setup, not counted), then the
# ratios live / compiled at 1 and 1,000 origins and live 100,000 / live 1.
#
#   benches/live_instructions.sh              # allowed GET and allowed preflight
#   KINDS=allowed_actual benches/live_instructions.sh
#
# Needs valgrind. Does not touch the five cases benches/check_budgets.sh counts.
set -euo pipefail

cd "$(dirname "$0")/.."
KINDS=${KINDS:-"allowed_actual allowed_preflight"}
cases=""
for kind in $KINDS; do
    for c in compiled_1 live_1 compiled_1000 live_1000 live_100000; do
        cases="$cases ${c%_*}_${kind}_${c##*_}"
    done
done
table=$(CASES="${cases# }" VARIANTS=ours benches/instructions.sh)
echo "$table"
echo

# | request | ours |
count() {
    echo "$table" | awk -F'|' -v c="$1" '{ gsub(/ /, "", $2) } $2 == c { gsub(/ /, "", $3); print $3 }'
}
ratio() {
    local a b
    a=$(count "$1")
    b=$(count "$2")
    printf '%s (%+d)' "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')" $((a - b))
}
echo "| request | live / compiled, 1 | live / compiled, 1,000 | live 100,000 / live 1 |"
echo "|---|---:|---:|---:|"
for kind in $KINDS; do
    echo "| $kind | $(ratio "live_${kind}_1" "compiled_${kind}_1") |" \
        "$(ratio "live_${kind}_1000" "compiled_${kind}_1000") |" \
        "$(ratio "live_${kind}_100000" "live_${kind}_1") |"
done
