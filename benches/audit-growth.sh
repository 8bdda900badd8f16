#!/usr/bin/env bash
# How `hivesync-env audit` grows with the number of reads in one file: callgrind
# instruction counts (exact and repeatable, unlike wall time on a shared machine) of a
# whole audit of a tree holding one TypeScript file of N `process.env.PORT` reads (one
# per line) and one Rust file of N `std::env::var("PORT")` reads.
#
#   bash benches/audit-growth.sh [BINARY] [SIZES...]
#
# BINARY defaults to target/debug/hivesync-env (build it first); SIZES to
# 1000 2000 4000 8000 16000 32000. Prints `N instructions instructions/N`.
set -euo pipefail
bin=${1:-target/debug/hivesync-env}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 2000 4000 8000 16000 32000)
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${sizes[@]}"; do
  tree="$work/t$n"
  mkdir -p "$tree"
  printf '.env\n.env.production\n' > "$tree/.gitignore"
  for ((i = 0; i < n; i++)); do echo "const p$i = process.env.PORT;"; done > "$tree/reads.ts"
  { echo 'fn main() {'; for ((i = 0; i < n; i++)); do echo '    let _ = std::env::var("PORT");'; done; echo '}'; } > "$tree/reads.rs"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$n" "$bin" audit "$tree" >/dev/null 2>"$work/log.$n" || true
  total=$(grep -m1 '^summary:' "$work/cg.$n" | awk '{print $2}')
  echo "$n $total $((total / n))"
done
