#!/usr/bin/env bash
# End-to-end test of the Rust worker under workerd (`wrangler dev`), run by .ci/run.
#
# 1. Installs what it needs, pinned, and reuses what is there: the wasm32 target,
#    wasm-bindgen-cli at exactly the wasm-bindgen version of Cargo.lock, worker-build
#    0.8.7 (both with `cargo install`), wrangler from package-lock.json (`npm ci`).
# 2. Lints hivesync-env's `worker` feature and this crate for wasm32.
# 3. Builds the worker (build.sh, the [build] command of wrangler.toml).
# 4. For each case, writes its .dev.vars, starts `wrangler dev --env dev` on a free
#    port in its own process group, checks the answer, and stops that group (on every
#    path, by its id). No secret value may appear in a response or in wrangler's log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

WORKER_BUILD_VERSION=0.8.7
export CARGO_TERM_COLOR=never
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$PATH"

step() { echo "== e2e: $*"; }
fail() { echo "e2e FAILED: $*" >&2; exit 1; }

# ---------------------------------------------------------------- tools
step "rustup target add wasm32-unknown-unknown"
rustup target add wasm32-unknown-unknown

wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wbg_version" ] || fail "no wasm-bindgen in Cargo.lock"
installed() { "$1" --version 2>/dev/null | awk '{ print $NF }'; }
# Without --locked: wasm-bindgen-cli's lock file pins a webpki-roots the registry
# no longer serves, so `cargo install --locked` fails.
if [ "$(installed wasm-bindgen)" != "$wbg_version" ]; then
    step "cargo install wasm-bindgen-cli $wbg_version"
    cargo install wasm-bindgen-cli --version "$wbg_version" --force
fi
if [ "$(installed worker-build)" != "$WORKER_BUILD_VERSION" ]; then
    step "cargo install worker-build $WORKER_BUILD_VERSION"
    cargo install worker-build --version "$WORKER_BUILD_VERSION" --force
fi
wrangler_pin=$(node -p 'require("./package.json").devDependencies.wrangler')
wrangler_have=$(node -p 'try { require("./node_modules/wrangler/package.json").version } catch { "" }')
if [ "$wrangler_have" != "$wrangler_pin" ]; then
    step "npm ci (wrangler $wrangler_pin)"
    npm ci --no-audit --no-fund
fi
echo "tools: wasm-bindgen $(installed wasm-bindgen), worker-build $(installed worker-build), wrangler $wrangler_pin"

# ---------------------------------------------------------------- lint and build
step "clippy: hivesync-env --features worker, and this crate (wasm32)"
(cd "$root" && cargo clippy -p hivesync-env --features worker --target wasm32-unknown-unknown -- -D warnings)
cargo fmt --check
cargo clippy --target wasm32-unknown-unknown --target-dir "$root/target" -- -D warnings

step "build (bash build.sh)"
bash build.sh
[ -f build/index.js ] || fail "the build wrote no build/index.js"

# ---------------------------------------------------------------- run under workerd
work="$(mktemp -d)"
# A .dev.vars placed here by hand is put back when the test ends.
if [ -e .dev.vars ]; then mv .dev.vars "$work/dev.vars.kept"; fi
server_pgid=""
stop_server() {
    if [ -n "$server_pgid" ]; then
        kill -TERM -- "-$server_pgid" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 -- "-$server_pgid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL -- "-$server_pgid" 2>/dev/null || true
        server_pgid=""
    fi
}
cleanup() {
    stop_server
    rm -f "$here/.dev.vars"
    if [ -e "$work/dev.vars.kept" ]; then mv "$work/dev.vars.kept" "$here/.dev.vars"; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# wrangler gets its own HOME (its config, logs and telemetry stay in $work); rustup
# and cargo keep theirs for the [build] command.
export HOME="$work/home" WRANGLER_LOG_PATH="$work/logs" WRANGLER_SEND_METRICS=false
mkdir -p "$HOME" "$WRANGLER_LOG_PATH"

# start_server LOG [--var NAME:VALUE ...]: wrangler dev --env dev, in its own process
# group (setsid), until it answers.
start_server() {
    local log="$1"
    shift
    port=$(free_port)
    local inspector
    inspector=$(free_port)
    setsid "$here/node_modules/.bin/wrangler" dev --env dev --ip 127.0.0.1 --port "$port" \
        --inspector-port "$inspector" --show-interactive-dev-session=false "$@" \
        >"$log" 2>&1 </dev/null &
    server_pgid=$!
    for _ in $(seq 600); do
        if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
            return 0
        fi
        kill -0 "$server_pgid" 2>/dev/null || { cat "$log" >&2; fail "wrangler dev exited"; }
        sleep 0.2
    done
    cat "$log" >&2
    fail "wrangler dev did not answer on port $port within 120 s"
}

# A fresh random secret of `len` characters per case.
secret() { node -e "process.stdout.write(require('crypto').randomBytes(64).toString('hex').slice(0, $1))"; }

# run_case NAME STATUS SECRET-OR-EMPTY [--var NAME:VALUE ...]: writes .dev.vars, runs
# the server, GETs /, checks the status and that the secret is nowhere; leaves the
# body in $work/NAME.json.
run_case() {
    local name="$1" want="$2" value="$3"
    shift 3
    step "case $name"
    if [ -n "$value" ]; then
        printf 'WORKER_CALLBACK_SECRET=%s\n' "$value" >.dev.vars
    else
        printf '# WORKER_CALLBACK_SECRET is not set\n' >.dev.vars
    fi
    start_server "$work/$name.log" "$@"
    local status
    status=$(curl -s -o "$work/$name.json" -w '%{http_code}' "http://127.0.0.1:$port/")
    stop_server
    echo "HTTP $status: $(cat "$work/$name.json")"
    [ "$status" = "$want" ] || fail "$name: HTTP $status, expected $want"
    if [ -n "$value" ]; then
        if grep -rqF -- "$value" "$work/$name.json" "$work/$name.log" "$WRANGLER_LOG_PATH"; then
            fail "$name: the secret's value appears in the response or wrangler's log"
        fi
    fi
}

# json FILE EXPRESSION: evaluates EXPRESSION on the body as `b` (node), prints it.
json() { node -e "const b = JSON.parse(require('fs').readFileSync('$1', 'utf8')); console.log($2)"; }
expect() { [ "$(json "$1" "$2")" = "$3" ] || fail "$1: $2 is $(json "$1" "$2"), expected $3"; }

run_case complete 200 "$(secret 40)"
body="$work/complete.json"
expect "$body" 'b.status' ok
expect "$body" 'b.profile' local
expect "$body" 'b.r2_bucket' hivesync-r2
expect "$body" 'b.worker_callback_url' https://yourdomain.com/api/v1/workers/callback
expect "$body" 'b.ai_model' gpt-4.1
expect "$body" 'Object.keys(b).sort().join(",")' ai_model,profile,r2_bucket,status,worker_callback_url

run_case missing 500 ""
body="$work/missing.json"
expect "$body" 'b.report.problems.filter(p => p.severity === "error").map(p => p.kind + " " + p.var).join(",")' \
    "missing WORKER_CALLBACK_SECRET"
grep -q 'error\[missing\] WORKER_CALLBACK_SECRET' "$body" || fail "missing: the text report does not name it"

# Weak is an error in production (a warning in local): the same dev server, with
# the production profile and a production callback URL passed as vars.
run_case weak 500 "$(secret 10)" --var HIVESYNC_PROFILE:production \
    --var WORKER_CALLBACK_URL:https://hivesync.dev/api/v1/workers/callback
body="$work/weak.json"
expect "$body" 'b.report.profile' production
expect "$body" 'b.report.problems.map(p => p.severity + " " + p.kind + " " + p.var).join(",")' \
    "error weak WORKER_CALLBACK_SECRET"
expect "$body" 'b.report.problems[0].message' "is 10 characters long; at least 32 are required"

run_case no-profile 500 "$(secret 40)" --var HIVESYNC_PROFILE:staging
body="$work/no-profile.json"
expect "$body" 'b.report.problems[0].kind + " " + b.report.problems[0].var' "invalid HIVESYNC_PROFILE"

# The log check above is not vacuous: wrangler wrote its debug logs there.
compgen -G "$WRANGLER_LOG_PATH/*.log" >/dev/null || fail "wrangler wrote no log to $WRANGLER_LOG_PATH"
step "passed: 4 cases under workerd, no secret value in any response or log"
