#!/usr/bin/env bash
# Requests per second over real loopback sockets: #[cors], tower-http's CorsLayer and no
# CORS, each serving the same route with the same policy (benches/src/lib.rs).
#
#   benches/load.sh                 # 3 rounds of 3 s runs, 32 connections, 2 wrk threads
#   ROUNDS=5 DURATION=5s CONNECTIONS=64 benches/load.sh
#
# Each round runs every server once, interleaved, so a burst of noise from elsewhere on
# the machine hits all three alike; the table shows the median req/s over the rounds.
#
# Needs wrk (`apt-get install -y wrk`). Binds and targets 127.0.0.1 only; every wrk run is
# bounded by DURATION and the server exits by itself (and is stopped on exit).
set -euo pipefail

cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-bench}"
DURATION="${DURATION:-3s}"
ROUNDS="${ROUNDS:-3}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
PORT="${PORT:-38181}"
ORIGIN="https://app.example.com"

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

cargo build --release -q -p cors-benches --bin load_server
server_pid=""
server_log="$(mktemp)"
preflight_lua="$(mktemp --suffix .lua)"
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -f "$server_log" "$preflight_lua"' EXIT

cat >"$preflight_lua" <<LUA
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "$ORIGIN"
wrk.headers["Access-Control-Request-Method"] = "GET"
wrk.headers["Access-Control-Request-Headers"] = "content-type, x-request-id"
LUA

# Exits by itself after 900 s at the latest; stopped by the trap when done.
"$CARGO_TARGET_DIR/release/load_server" "$PORT" 900 >"$server_log" &
server_pid=$!
for _ in $(seq 50); do grep -q ready "$server_log" && break; sleep 0.1; done
grep -q ready "$server_log" || { cat "$server_log" >&2; exit 1; }

# Sanity: each server answers as expected before it is loaded.
if command -v curl >/dev/null; then
    for i in 0 1 2; do
        url="http://127.0.0.1:$((PORT + i))/users"
        get=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: $ORIGIN" "$url")
        pre=$(curl -s -o /dev/null -w '%{http_code}' -X OPTIONS -H "Origin: $ORIGIN" \
            -H 'Access-Control-Request-Method: GET' "$url")
        echo "port $((PORT + i)): GET $get, preflight $pre" >&2
    done
fi

rps() { # URL [wrk args...]: requests/second of one bounded run
    local url="$1"; shift
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" "$url" | awk '/^Requests\/sec/ {print $2}'
}

declare -A result
names=(ours tower_http no_cors)
for round in $(seq "$ROUNDS"); do
    for i in 0 1 2; do
        url="http://127.0.0.1:$((PORT + i))/users"
        result[${names[$i]},actual]+=" $(rps "$url" -H "Origin: $ORIGIN")"
        result[${names[$i]},preflight]+=" $(rps "$url" -s "$preflight_lua")"
    done
    echo "round $round/$ROUNDS done" >&2
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for key in "${!result[@]}"; do result[$key]=$(echo "${result[$key]}" | median); done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, median of $ROUNDS rounds, 127.0.0.1, Origin: $ORIGIN"
echo "($(nproc) cores shared by wrk and the server)"
echo
echo "| request | ours req/s | tower-http req/s | no CORS req/s | ours / tower-http | ours / no CORS |"
echo "|---|---:|---:|---:|---:|---:|"
for kind in actual preflight; do
    o=${result[ours,$kind]}; t=${result[tower_http,$kind]}; n=${result[no_cors,$kind]}
    echo "| allowed $kind | $o | $t | $n | $(ratio "$o" "$t") | $(ratio "$o" "$n") |"
done
echo
echo "(req/s: higher is better, so a ratio above 1.00 means ours served more. The no-CORS"
echo " server answers the preflight with 405 Method Not Allowed.)"
