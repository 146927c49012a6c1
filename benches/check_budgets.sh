#!/usr/bin/env bash
# The per-request cost kept by CI: counts instructions per request with
# benches/instructions.sh (ours and floor+headers only) and fails when ours / floor+headers
# exceeds the budget of a request kind in benches/budgets.txt. Instructions, not wall
# time: callgrind's counts do not drift with the machine's load, and wall time on a
# shared machine drifts by more than the budgets' room.
#
#   benches/check_budgets.sh        # needs valgrind (apt-get install -y valgrind)
set -euo pipefail

cd "$(dirname "$0")/.."
budgets=benches/budgets.txt
cases=$(awk '!/^#/ && NF == 2 { print $1 }' "$budgets" | xargs)
table=$(CASES="$cases" VARIANTS="ours floor_headers" benches/instructions.sh)
echo "$table"
echo
failed=0
while read -r case budget; do
    # | request | ours | floor_headers | ours / floor_headers |
    ratio=$(echo "$table" | awk -F'|' -v c="$case" '{ gsub(/ /, "", $2) } $2 == c { gsub(/ /, "", $5); print $5 }')
    if [ -z "$ratio" ]; then
        echo "no measurement for $case"
        failed=1
    elif awk -v r="$ratio" -v b="$budget" 'BEGIN { exit !(r > b) }'; then
        echo "OVER BUDGET: $case: ours / floor+headers = $ratio, budget $budget"
        failed=1
    else
        echo "within budget: $case: $ratio <= $budget"
    fi
done < <(awk '!/^#/ && NF == 2' "$budgets")
exit "$failed"
