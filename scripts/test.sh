#!/usr/bin/env bash
# README command 2: install what the tests need, then run every test:
# formatting and lints (native and wasm32), native unit tests, the browser
# tests in headless Chromium, and the end-to-end test of the optimised
# release build with LibreOffice opening the exported file.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
set +e

. scripts/test-deps.sh

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
step "clippy (native)" cargo clippy --workspace --all-targets -- -D warnings
# The crates that run in the browser (the CLI and the tests are native).
wasm_crates=(-p notice-core -p notice-office -p notice-web)
step "clippy (wasm32)" cargo clippy "${wasm_crates[@]}" --all-targets --target wasm32-unknown-unknown -- -D warnings
step "clippy (wasm32, split page build)" cargo clippy -p notice-web --lib --bins --target wasm32-unknown-unknown --features split -- -D warnings
step "native tests" cargo test --workspace
step "release build (cargo xtask dist: wasm-split, wasm-opt -Oz, terser)" cargo xtask dist
step "first-load budget (a real load in Chromium, gzip, old office PC)" \
  cargo test -p notice-tests --test budget -- --ignored --nocapture --test-threads=1
step "browser tests (wasm-bindgen-test, headless Chromium)" \
  cargo test -p notice-web --target wasm32-unknown-unknown --profile wasm-test --test browser
step "end-to-end (release build, Chromium, LibreOffice)" \
  cargo test -p notice-tests --no-fail-fast --test e2e --test e2e_samples --test e2e_editing --test e2e_drafts --test e2e_offline --test e2e_first_frame --test e2e_reuse --test e2e_preview --test e2e_viewports --test e2e_proofread -- --ignored --test-threads=1
step "rendering, re-import and OFD (LibreOffice, easyofd, PDF measured)" \
  cargo test -p notice-tests -p notice-cli --no-fail-fast --test render --test import_samples --test pages --test word_validator --test ofd -- --ignored --test-threads=1

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
