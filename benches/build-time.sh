#!/usr/bin/env bash
# What a HiveSync crate pays at build time for `#[derive(EnvContract)]`, next to the
# usual serde derive + envy: `bash benches/build-time.sh` (results in BENCHMARKS.md).
#
# It generates three small crates in a temporary folder (removed at the end, never
# committed):
#   contracts-user   loads `hivesync_contracts::BackendEnv` (issue 15's comparison: a
#                    HiveSync crate uses the contracts crate), by path;
#   derive-user      `#[derive(EnvContract)]` for the backend's 25 fields against a copy
#                    of contracts/backend.toml, depending on hivesync-env by path;
#   serde-envy-user  `#[derive(serde::Deserialize)]` + `envy::from_env`, `Secret`
#                    replaced by `String`.
# and measures, RUNS times each, the crates interleaved (min and median reported):
#   - `cargo build --release --offline -j $JOBS` from clean (JOBS=2 by default, the
#     same for every crate, so a busy machine slows each side alike): a fresh
#     CARGO_TARGET_DIR each time, dependencies already downloaded (the workspace's
#     Cargo.lock pins the versions);
#   - for derive-user, the rebuild after a comment is appended to its contract TOML.
# Finally it prints `cargo tree -e normal` of derive-user: what a library user compiles.
#
# The CPU time of each build (user + system, from /usr/bin/time) is reported beside the
# wall time: on a machine other builds share, it varies less.
#
# TIMINGS=DIR also passes `--timings` to each clean build and copies cargo's HTML report
# to DIR/<crate>-<run>.html (per-crate times, the critical path); CRATES="a b" narrows
# the crates measured (all three by default). BASELINE=DIR (another checkout of this
# repository, such as `git worktree add /tmp/base main`) adds contracts-base-user, the
# contracts-user crate built against DIR, interleaved with the others: a change is
# measured against its baseline in the same conditions.
set -euo pipefail

RUNS=${RUNS:-2}
JOBS=${JOBS:-2}
TIMINGS=${TIMINGS:-}
BASELINE=${BASELINE:-}
CRATES=${CRATES:-contracts-user derive-user serde-envy-user${BASELINE:+ contracts-base-user}}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

FIELDS='    pub port: u16,
    pub base_url: String,
    pub jwt_secret: SECRET,
    pub postgres_host: String,
    pub postgres_port: u16,
    pub postgres_db: String,
    pub postgres_user: String,
    pub postgres_password: SECRET,
    pub redis_host: String,
    pub redis_port: u16,
    pub email_provider: String,
    pub resend_api_key: SECRET,
    pub ai_primary: String,
    pub ai_model: String,
    pub openai_api_key: SECRET,
    pub local_ai_enabled: bool,
    pub local_ai_model_path: std::path::PathBuf,
    pub preview_max_timeout_ms: u64,
    pub log_level: String,
    pub r2_account_id: String,
    pub r2_access_key_id: SECRET,
    pub r2_secret_access_key: SECRET,
    pub r2_bucket: String,
    pub r2_public_url: Option<String>,
    pub worker_callback_secret: SECRET,'

make_crate() { # name, dependencies, lib.rs[, checkout whose Cargo.lock to use]
    mkdir -p "$WORK/$1/src"
    cat >"$WORK/$1/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
$2

# Not part of any workspace above the temp folder.
[workspace]
EOF
    printf '%s\n' "$3" >"$WORK/$1/src/lib.rs"
    cp "${4:-$ROOT}/Cargo.lock" "$WORK/$1/Cargo.lock"
}

contracts_user() { # name, checkout
    make_crate "$1" "hivesync-env = { path = \"$2/hivesync-env\" }
hivesync-contracts = { path = \"$2/contracts\" }" "//! A HiveSync crate that loads the backend's config from the contracts crate.
use hivesync_contracts::BackendEnv;
use hivesync_env::{EnvContract, Profile, Report};

/// Loads it from the process environment.
pub fn load() -> Result<BackendEnv, Report> {
    BackendEnv::from_env(Profile::Production)
}" "$2"
}

contracts_user contracts-user "$ROOT"
if [ -n "$BASELINE" ]; then
    contracts_user contracts-base-user "$(cd "$BASELINE" && pwd)"
fi

make_crate derive-user "hivesync-env = { path = \"$ROOT/hivesync-env\" }" "//! A HiveSync crate's config.
use hivesync_env::{EnvContract, Secret};

/// The backend's configuration.
#[derive(Debug, EnvContract)]
#[env(contract = \"backend.toml\")]
#[allow(missing_docs)]
pub struct BackendEnv {
${FIELDS//SECRET/Secret<String>}
}"
cp "$ROOT/contracts/backend.toml" "$WORK/derive-user/backend.toml"

make_crate serde-envy-user 'serde = { version = "1", features = ["derive"] }
envy = "0.4"' "//! The same config with serde + envy.

/// The backend's configuration.
#[derive(Debug, serde::Deserialize)]
#[allow(missing_docs)]
pub struct BackendEnv {
${FIELDS//SECRET/String}
}

/// Loads it from the process environment.
pub fn load() -> Result<BackendEnv, envy::Error> {
    envy::from_env()
}"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
min() { printf '%s\n' "$@" | sort -g | head -n 1; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

clean_build() { # crate, run -> seconds
    local target="$WORK/target-$1-$2" start
    start=$(now)
    (cd "$WORK/$1" && CARGO_TARGET_DIR="$target" /usr/bin/time -f '%U %S' -o "$WORK/cpu" \
        cargo build --release --offline --quiet -j "$JOBS" ${TIMINGS:+--timings})
    elapsed "$start" "$(now)"
    awk '{print $1 + $2}' "$WORK/cpu" >"$WORK/cpu-$1-$2"
    if [ -n "$TIMINGS" ]; then
        mkdir -p "$TIMINGS"
        cp "$target/cargo-timings/cargo-timing.html" "$TIMINGS/$1-$2.html"
    fi
}

declare -A CLEAN CPU
INCR=()
for run in $(seq "$RUNS"); do
    for crate in $CRATES; do
        t=$(clean_build "$crate" "$run")
        CLEAN[$crate]+="$t "
        c=$(cat "$WORK/cpu-$crate-$run")
        CPU[$crate]+="$c "
        echo "clean build $crate, run $run: ${t}s (CPU ${c}s)" >&2
    done
    # The contract changes: its crate must rebuild, and quickly.
    if [[ " $CRATES " == *" derive-user "* ]]; then
        echo "# edited at run $run" >>"$WORK/derive-user/backend.toml"
        start=$(now)
        (cd "$WORK/derive-user" && CARGO_TARGET_DIR="$WORK/target-derive-user-$run" cargo build --release --offline --quiet)
        t=$(elapsed "$start" "$(now)")
        INCR+=("$t")
        echo "rebuild of derive-user after a contract edit, run $run: ${t}s" >&2
    fi
    rm -rf "$WORK/target-"*"-$run"
done

# shellcheck disable=SC2086
serde=$(min ${CLEAN[serde-envy-user]:-})
echo
echo "clean builds, -j $JOBS, $(date -u '+%F %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
echo "| measurement ($RUNS runs, interleaved) | runs (s) | min (s) | median (s) | min / serde+envy min | CPU min (s) | CPU median (s) |"
echo "|---|---|---:|---:|---:|---:|---:|"
for crate in $CRATES; do
    # shellcheck disable=SC2086
    lo=$(min ${CLEAN[$crate]})
    # shellcheck disable=SC2086
    # Rounded, not truncated (bc's scale=2 truncates: 1.2862 printed as 1.28).
    ratio=${serde:+$(awk -v a="$lo" -v b="$serde" 'BEGIN { printf "%.2f", a / b }')}
    # shellcheck disable=SC2086
    echo "| clean \`cargo build --release\`, $crate | ${CLEAN[$crate]}| $lo | $(median ${CLEAN[$crate]}) | $ratio | $(min ${CPU[$crate]}) | $(median ${CPU[$crate]}) |"
done
if [ ${#INCR[@]} -gt 0 ]; then
    echo "| rebuild of derive-user after editing the contract TOML | ${INCR[*]} | | $(median "${INCR[@]}") | | | |"
fi
echo
echo "What a library user compiles (\`cargo tree -e normal\` in derive-user):"
echo
echo '```'
(cd "$WORK/derive-user" && cargo tree -e normal --offline --prefix indent 2>/dev/null)
echo '```'
