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
set -euo pipefail

RUNS=${RUNS:-2}
JOBS=${JOBS:-2}
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

make_crate() { # name, dependencies, lib.rs
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
    cp "$ROOT/Cargo.lock" "$WORK/$1/Cargo.lock"
}

make_crate contracts-user "hivesync-env = { path = \"$ROOT/hivesync-env\" }
hivesync-contracts = { path = \"$ROOT/contracts\" }" "//! A HiveSync crate that loads the backend's config from the contracts crate.
use hivesync_contracts::BackendEnv;
use hivesync_env::{EnvContract, Profile, Report};

/// Loads it from the process environment.
pub fn load() -> Result<BackendEnv, Report> {
    BackendEnv::from_env(Profile::Production)
}"

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
    (cd "$WORK/$1" && CARGO_TARGET_DIR="$target" cargo build --release --offline --quiet -j "$JOBS")
    elapsed "$start" "$(now)"
}

declare -A CLEAN
INCR=()
for run in $(seq "$RUNS"); do
    for crate in contracts-user derive-user serde-envy-user; do
        t=$(clean_build "$crate" "$run")
        CLEAN[$crate]+="$t "
        echo "clean build $crate, run $run: ${t}s" >&2
    done
    # The contract changes: its crate must rebuild, and quickly.
    echo "# edited at run $run" >>"$WORK/derive-user/backend.toml"
    start=$(now)
    (cd "$WORK/derive-user" && CARGO_TARGET_DIR="$WORK/target-derive-user-$run" cargo build --release --offline --quiet)
    t=$(elapsed "$start" "$(now)")
    INCR+=("$t")
    echo "rebuild of derive-user after a contract edit, run $run: ${t}s" >&2
    rm -rf "$WORK/target-"*"-$run"
done

incr=$(median "${INCR[@]}")
# shellcheck disable=SC2086
serde=$(min ${CLEAN[serde-envy-user]})
echo
echo "clean builds, -j $JOBS, $(date -u '+%F %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
echo "| measurement ($RUNS runs, interleaved) | runs (s) | min (s) | median (s) | min / serde+envy min |"
echo "|---|---|---:|---:|---:|"
for crate in contracts-user derive-user serde-envy-user; do
    # shellcheck disable=SC2086
    lo=$(min ${CLEAN[$crate]})
    # shellcheck disable=SC2086
    echo "| clean \`cargo build --release\`, $crate | ${CLEAN[$crate]}| $lo | $(median ${CLEAN[$crate]}) | $(echo "scale=2; $lo / $serde" | bc) |"
done
echo "| rebuild of derive-user after editing the contract TOML | ${INCR[*]} | | $incr | |"
echo
echo "What a library user compiles (\`cargo tree -e normal\` in derive-user):"
echo
echo '```'
(cd "$WORK/derive-user" && cargo tree -e normal --offline --prefix indent 2>/dev/null)
echo '```'
