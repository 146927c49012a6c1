#!/usr/bin/env bash
# Compile cost of #[cors]: a crate with N (default 200) annotated handlers mounted with
# cors_routes! ("annotated") against the same N handlers mounted plainly with
# get(handler) ("plain"), all depending on cors-runtime by path. A third crate
# ("attribute_only") has the attributes but mounts with get(handler::handler), which splits the
# difference into the macro's own cost and the cost of the routes it mounts.
# Dependencies are built first; then each crate alone is rebuilt RUNS times (touch
# src/lib.rs + cargo build, interleaved), and the median times and the median of the
# per-run ratios (each run rebuilds the three crates back to back) are printed.
#
#   benches/compile_cost.sh                    # 200 handlers, 7 runs, dev profile
#   HANDLERS=200 RUNS=9 PROFILE=release benches/compile_cost.sh
#   OPT_MACROS=1 benches/compile_cost.sh       # proc macros built with opt-level 3
#   SHAPE=realistic benches/compile_cost.sh    # handlers with State, Path and Json extractors
#   REBUILD=edit benches/compile_cost.sh       # change a literal in one handler, not touch
#   CARGO_INCREMENTAL=0 benches/compile_cost.sh  # the whole crate compiled each time
#
# SHAPE=trivial (the default) is the worst case: each handler returns a string, so the
# items #[cors] adds weigh as much as the handler. SHAPE=realistic gives each handler a
# request and a response type (serde derives) and three extractors, as an API has.
#
# REBUILD=touch (the default) rebuilds an unchanged file: incremental compilation reuses
# all the code generated before, and the proc macros (which always rerun) weigh the
# most. REBUILD=edit changes one handler's body, as the edit-compile loop does. With
# CARGO_INCREMENTAL=0 (or PROFILE=release) nothing is reused: a clean build of the crate.
#
# Everything is generated under $CARGO_TARGET_DIR/compile-cost (default
# /work/target-bench/compile-cost), never in the source tree.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
target_root="${CARGO_TARGET_DIR:-/work/target-bench}"
HANDLERS="${HANDLERS:-200}"
RUNS="${RUNS:-7}"
SHAPE="${SHAPE:-trivial}"
REBUILD="${REBUILD:-touch}"
PROFILE="${PROFILE:-dev}"
dir="$target_root/compile-cost"
profile_flag=(--profile "$PROFILE")

rm -rf "$dir/ws"
crates=(annotated attribute_only plain)
for crate in "${crates[@]}"; do mkdir -p "$dir/ws/$crate/src"; done
cd "$dir/ws"
# The repository's lock file, so the crates build the versions the workspace uses.
cp "$repo/Cargo.lock" Cargo.lock

cat >Cargo.toml <<TOML
[workspace]
members = ["annotated", "attribute_only", "plain"]
resolver = "3"

[workspace.dependencies]
cors-runtime = { path = "$repo/cors-runtime" }
axum = "0.8"
serde = { version = "1", features = ["derive"] }
TOML
for crate in "${crates[@]}"; do
    cat >"$crate/Cargo.toml" <<TOML
[package]
name = "$crate"
edition = "2024"
publish = false

[dependencies]
cors-runtime.workspace = true
axum.workspace = true
serde.workspace = true
TOML
done

# The handler's shape (and the types it uses); `@` stands for its number.
case "$SHAPE" in
trivial)
    method=GET state_type="()" with_state="" path="/h@" types=""
    handler='pub async fn h@() -> &'"'"'static str { "h@" }'
    ;;
realistic)
    method=POST state_type="Db" with_state=".with_state(Db::default())" path="/h@/{owner}"
    types='#[derive(serde::Deserialize)] pub struct NewItem@ { pub name: String, pub count: u32 }
#[derive(serde::Serialize)] pub struct Item@ { pub id: u64, pub name: String, pub count: u32, pub owner: Option<String> }'
    handler='pub async fn h@(State(db): State<Db>, Path(owner): Path<String>, Json(new): Json<NewItem@>) -> Result<Json<Item@>, StatusCode> {
    if new.name.is_empty() || new.name == "h@" { return Err(StatusCode::UNPROCESSABLE_ENTITY); }
    let id = db.next_id.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Ok(Json(Item@ { id, name: new.name, count: new.count, owner: Some(owner) }))
}'
    ;;
*)
    echo "SHAPE must be trivial or realistic, not $SHAPE" >&2
    exit 2
    ;;
esac
common_uses="use axum::{Router, Json, extract::{Path, State}, http::StatusCode};
#[derive(Clone, Default)] pub struct Db { pub next_id: std::sync::Arc<std::sync::atomic::AtomicU64> }"
[ "$SHAPE" = trivial ] && common_uses="use axum::Router;"

# generate DOC USES ATTRIBUTE MOUNT: one crate's lib.rs; `@` in ATTRIBUTE and MOUNT stands
# for the handler's number.
generate() {
    local doc=$1 uses=$2 attribute=$3 mount=$4
    echo "//! $HANDLERS $SHAPE handlers $doc"
    echo "$common_uses"
    echo "$uses"
    for i in $(seq 0 $((HANDLERS - 1))); do
        [ -n "$types" ] && echo "${types//@/$i}"
        [ -n "$attribute" ] && echo "${attribute//@/$i}"
        echo "${handler//@/$i}"
    done
    echo "pub fn router() -> Router {"
    echo "    Router::<$state_type>::new()"
    for i in $(seq 0 $((HANDLERS - 1))); do echo "        .route(\"${path//@/$i}\", ${mount//@/$i})"; done
    echo "        $with_state"
    echo "}"
}
routing=$(echo "$method" | tr '[:upper:]' '[:lower:]')
policy='#[cors(origins = ["https://app@.example.com", "https://admin@.example.com"], methods = ['"$method"'], headers = ["content-type"], max_age = 600)]'
generate "with #[cors], mounted with cors_routes!." \
    "use cors_runtime::{cors, cors_routes};" "$policy" 'cors_routes![h@]' >annotated/src/lib.rs
generate "without #[cors], mounted with $routing(handler)." \
    "use axum::routing::$routing; use cors_runtime as _;" "" "$routing(h@)" >plain/src/lib.rs
generate "with #[cors], mounted with $routing(handler::handler)." \
    "use axum::routing::$routing; use cors_runtime::cors;" "$policy" "$routing(h@::handler)" >attribute_only/src/lib.rs

export CARGO_TARGET_DIR="$dir/target"
if [ "${OPT_MACROS:-0}" = 1 ]; then
    export CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_BUILD_OVERRIDE_OPT_LEVEL=3
    PROFILE="$PROFILE, proc macros at opt-level 3"
fi
echo "building dependencies and the crates once ($PROFILE profile)..."
cargo build -q "${profile_flag[@]}" -p annotated -p attribute_only -p plain

declare -A times
for run in $(seq "$RUNS"); do
    for crate in "${crates[@]}"; do
        case "$REBUILD" in
        touch) touch "$crate/src/lib.rs" ;;
        # A different string literal in the first handler's body, as an edit would make.
        edit) sed -i "s/\"h0[^\"]*\"/\"h0 run $run\"/" "$crate/src/lib.rs" ;;
        *) echo "REBUILD must be touch or edit, not $REBUILD" >&2 && exit 2 ;;
        esac
        start=$(date +%s.%N)
        cargo build -q "${profile_flag[@]}" -p "$crate"
        end=$(date +%s.%N)
        t=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
        times[$crate]="${times[$crate]:-} $t"
        echo "run $run: $crate ${t}s"
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
range() { tr ' ' '\n' | grep -v '^$' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }
# The ratio within each run (the three crates were rebuilt back to back), then the median
# over runs: a machine whose speed drifts between runs moves the times, not the ratios.
per_run_ratios() {
    local crate=$1 i r=""
    read -ra ts <<<"${times[$crate]}"
    read -ra ps <<<"${times[plain]}"
    for i in "${!ts[@]}"; do r="$r $(awk -v a="${ts[$i]}" -v b="${ps[$i]}" 'BEGIN { printf "%.2f", a / b }')"; done
    echo "$r"
}
a=$(echo "${times[annotated]}" | median)
m=$(echo "${times[attribute_only]}" | median)
p=$(echo "${times[plain]}" | median)
ra=$(per_run_ratios annotated)
rm_=$(per_run_ratios attribute_only)
echo
echo "| crate ($HANDLERS $SHAPE handlers, $PROFILE, REBUILD=$REBUILD, CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-default}) | median of $RUNS (s) | / plain, median of per-run ratios (range) |"
echo "|---|---:|---:|"
echo "| annotated: #[cors] + cors_routes! | $a | **$(echo "$ra" | median)** ($(echo "$ra" | range)) |"
echo "| attribute_only: #[cors] + $routing(handler::handler) | $m | $(echo "$rm_" | median) ($(echo "$rm_" | range)) |"
echo "| plain: $routing(handler) | $p | 1.00 |"
