#!/usr/bin/env bash
# Installs what building the app (`cargo xtask dist`, xtask/) needs, skipping
# whatever is already there: the wasm32 target, wasm-bindgen-cli (the exact
# version Cargo.lock names), wasm-split-cli, and wasm-opt (npm's binaryen
# 132) and terser into tools/node_modules.
# Source it (`. scripts/setup.sh`) to get the tools on PATH.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$root/tools/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

for component in clippy rustfmt; do
  rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
done
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' "$root/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $bindgen_version\$"; then
  say "installing wasm-bindgen-cli $bindgen_version (the version in Cargo.lock)"
  # Not --locked: the registry lacks one crate version its lock names.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# The page module is cut into lazily loaded parts by wasm-split.
if ! wasm-split-cli --help >/dev/null 2>&1; then
  say "installing wasm-split-cli 0.2.4"
  cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked
fi

if ! wasm-opt --version 2>/dev/null | grep -q 'version 132' \
  || [ ! -x "$root/tools/node_modules/.bin/terser" ]; then
  say "installing wasm-opt (npm binaryen 132) and terser into tools/"
  (cd "$root/tools" && npm ci --no-audit --no-fund)
fi
