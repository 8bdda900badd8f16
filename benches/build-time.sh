#!/usr/bin/env bash
# What a HiveSync crate pays at build time for `#[derive(EnvContract)]`, next to the
# usual serde derive + envy: `bash benches/build-time.sh` (results in BENCHMARKS.md).
#
# It generates two small crates in a temporary folder (removed at the end, never
# committed), each with the backend's 25 fields:
#   derive-user      `#[derive(EnvContract)]` against a copy of contracts/backend.toml,
#                    depending on hivesync-env by path;
#   serde-envy-user  `#[derive(serde::Deserialize)]` + `envy::from_env`, `Secret`
#                    replaced by `String`.
# and measures, RUNS times each (median reported):
#   - `cargo build --release --offline` from clean: a fresh CARGO_TARGET_DIR each time,
#     dependencies already downloaded (the workspace's Cargo.lock pins the versions);
#   - for derive-user, the rebuild after a comment is appended to its contract TOML.
# Finally it prints `cargo tree -e normal` of derive-user: what a library user compiles.
set -euo pipefail

RUNS=${RUNS:-3}
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
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

clean_build() { # crate, run -> seconds
    local target="$WORK/target-$1-$2" start
    start=$(now)
    (cd "$WORK/$1" && CARGO_TARGET_DIR="$target" cargo build --release --offline --quiet)
    elapsed "$start" "$(now)"
}

declare -A CLEAN
INCR=()
for run in $(seq "$RUNS"); do
    for crate in derive-user serde-envy-user; do
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
    rm -rf "$WORK/target-derive-user-$run" "$WORK/target-serde-envy-user-$run"
done

# shellcheck disable=SC2086
derive=$(median ${CLEAN[derive-user]})
# shellcheck disable=SC2086
serde=$(median ${CLEAN[serde-envy-user]})
incr=$(median "${INCR[@]}")
echo
echo "| measurement ($RUNS runs) | runs (s) | median (s) |"
echo "|---|---|---:|"
echo "| clean \`cargo build --release\`, derive + contract | ${CLEAN[derive-user]}| $derive |"
echo "| clean \`cargo build --release\`, serde derive + envy | ${CLEAN[serde-envy-user]}| $serde |"
echo "| ratio derive / serde+envy | | $(echo "scale=2; $derive / $serde" | bc) |"
echo "| rebuild after editing the contract TOML | ${INCR[*]} | $incr |"
echo
echo "What a library user compiles (\`cargo tree -e normal\` in derive-user):"
echo
echo '```'
(cd "$WORK/derive-user" && cargo tree -e normal --offline --prefix indent 2>/dev/null)
echo '```'
