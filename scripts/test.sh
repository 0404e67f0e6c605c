#!/usr/bin/env bash
# README command 2: install what the tests need, then run every test:
# formatting and lints (native and wasm32), native unit tests, the browser
# tests in headless Chromium, and the end-to-end test of the optimised
# release build with LibreOffice opening the exported file.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
set +e

# System packages for the tests (Debian).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v libreoffice >/dev/null || missing+=(libreoffice-writer)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk fonts-wqy-zenhei)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" ||
    { echo "could not install ${missing[*]}"; exit 1; }
fi
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

log="$(mktemp)"
failed_steps=()
step() {
  local name="$1"; shift
  say "$name"
  "$@" 2>&1 | tee -a "$log"
  local status=${PIPESTATUS[0]}
  if [ "$status" -ne 0 ]; then
    failed_steps+=("$name")
    echo "FAILED: $name (exit $status)" | tee -a "$log"
  fi
}

step "cargo fmt --check" cargo fmt --check
step "clippy (native)" cargo clippy --all-targets -- -D warnings
step "clippy (wasm32)" cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
step "native tests" cargo test
step "release build (trunk, wasm-opt -Oz)" trunk build --release --offline
step "browser tests (wasm-bindgen-test, headless Chromium)" \
  cargo test --target wasm32-unknown-unknown --profile wasm-test --test browser
step "end-to-end (release build, Chromium, LibreOffice)" \
  cargo test --test e2e --test e2e_samples --test e2e_editing --test e2e_drafts --test e2e_offline --test e2e_reuse --test e2e_preview -- --ignored --test-threads=1
step "rendering and re-import (LibreOffice, PDF measured)" \
  cargo test --test render --test import_samples -- --ignored --test-threads=1

passed=$(grep -Eo 'test result: [A-Za-z]+\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | grep -v '^0 ' | awk '{s += $1} END {print s + 0}')
rm -f "$log"
echo
if ((${#failed_steps[@]})); then
  echo "failed steps: ${failed_steps[*]}"
  ((failed == 0)) && failed=${#failed_steps[@]}
fi
echo "$passed passed, $failed failed"
((${#failed_steps[@]} == 0))
