#!/usr/bin/env bash
# The [build] command of wrangler.toml (`bash build.sh`): compiles this crate to wasm
# with worker-build into build/ (main = "build/index.js").
#
# worker-build would download wasm-bindgen, wasm-opt and esbuild; this script hands it
# the ones already installed instead, so the build needs no network:
# - wasm-bindgen: the CLI `bash e2e.sh` installs (`cargo install wasm-bindgen-cli`) at
#   exactly the version of the wasm-bindgen crate in Cargo.lock;
# - esbuild: the binary wrangler's npm install ships (node_modules, `npm ci` here);
# - wasm-opt: not run (`wasm-opt = false` in Cargo.toml).
set -euo pipefail
cd "$(dirname "$0")"

cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$cargo_bin:$PATH"

fail() { echo "build.sh: $*" >&2; exit 1; }

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$want" ] || fail "no wasm-bindgen in Cargo.lock"
command -v worker-build >/dev/null || fail "worker-build is not installed: run bash e2e.sh (it installs the pinned tools)"
wasm_bindgen="${WASM_BINDGEN_BIN:-$(command -v wasm-bindgen || true)}"
[ -n "$wasm_bindgen" ] || fail "wasm-bindgen is not installed: run bash e2e.sh"
have=$("$wasm_bindgen" --version | awk '{ print $NF }')
[ "$have" = "$want" ] || fail "wasm-bindgen $have is installed, Cargo.lock needs $want: run bash e2e.sh"
esbuild="${ESBUILD_BIN:-$PWD/node_modules/@esbuild/linux-x64/bin/esbuild}"
[ -x "$esbuild" ] || fail "no esbuild at $esbuild: run npm ci here"

export WASM_BINDGEN_BIN="$wasm_bindgen" ESBUILD_BIN="$esbuild"
exec worker-build --release
