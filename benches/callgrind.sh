#!/usr/bin/env bash
# Instructions per load of every loader of benches/ (hand-written baselines, hivesync-env
# and the peers), success and error path, at 34 and 234 variables, in one run:
#   bash benches/callgrind.sh            # ITERS=200 by default
# Needs valgrind. It builds the `profile` example (release), then for each cell runs
#   valgrind --tool=callgrind --trace-children=yes \
#     target/release/examples/profile <success|error> <loader> <N> <34|234>
# for N = 0 and N = ITERS, takes the instructions ("Collected") of the CHILD process (the
# example re-executes itself with the workload's environment; the parent only sets it
# up), and prints (count(N) - count(0)) / N: the cost of one load, start-up excluded.
# Ratios: a success cell against hand-written's success at the same workload; an error
# cell against hand-written's SUCCESS (the issue's "error path within 2x the baseline").
set -euo pipefail

ITERS=${ITERS:-200}
LOADERS=${LOADERS:-"hand-written hand-written-secret hivesync-env envconfig confique envy config figment"}
WORKLOADS=${WORKLOADS:-"34 234"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

cd "$ROOT"
cargo build --quiet --release -p hivesync-env-benches --example profile
TARGET=$(cargo metadata --format-version 1 --no-deps |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
PROFILE="$TARGET/release/examples/profile"

# The child's instruction count of one run: path loader iterations workload.
count() {
    local dir="$OUT/$1-$2-$3-$4" parent
    mkdir -p "$dir"
    valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$dir/cg.%p" \
        "$PROFILE" "$1" "$2" "$3" "$4" 2>"$dir/log" &
    parent=$!
    wait "$parent" || { cat "$dir/log" >&2; echo "profile $* failed" >&2; exit 1; }
    local child
    child=$(find "$dir" -name 'cg.*' ! -name "cg.$parent" | head -n 1)
    [ -n "$child" ] || { echo "no child profile for $*" >&2; exit 1; }
    sed -n 's/^summary: //p' "$child"
}

declare -A PER
for w in $WORKLOADS; do
    for path in success error; do
        for l in $LOADERS; do
            zero=$(count "$path" "$l" 0 "$w")
            many=$(count "$path" "$l" "$ITERS" "$w")
            PER[$w,$path,$l]=$(((many - zero) / ITERS))
        done
    done
done

k() { awk -v n="$1" 'BEGIN { printf "%.1fk", n / 1000 }'; }
x() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo "instructions per load (callgrind, $ITERS iterations minus 0), $(date -u '+%F %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for w in $WORKLOADS; do
    base=${PER[$w,success,hand-written]:-}
    echo
    echo "$w variables:"
    echo
    echo "| loader | success | x hand-written | error (full report) | x hand-written success |"
    echo "|---|---:|---:|---:|---:|"
    for l in $LOADERS; do
        ok=${PER[$w,success,$l]} err=${PER[$w,error,$l]}
        if [ -n "$base" ]; then
            echo "| $l | $(k "$ok") | $(x "$ok" "$base") | $(k "$err") | $(x "$err" "$base") |"
        else
            echo "| $l | $(k "$ok") | - | $(k "$err") | - |"
        fi
    done
done
