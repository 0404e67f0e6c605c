#!/usr/bin/env bash
# Speed: builds the release app, then prints, with median and spread, the
# native export of 10/200/1,000 tasks and reading and writing a 1,000-task
# draft (criterion), and in headless Chromium: the first load on an
# emulated old office PC (CPU 4x, 10 Mbit/s, 20 ms, gzip, no cache; 1440x900
# and 1024x768; a 2 Mbit/s, 100 ms link; repeat visits with the service
# worker), navigation to a usable form on loopback, export through the
# worker, the worker's memory across 100 exports, and keystroke to updated
# DOM with a 200-task draft and the preview open. Measures; does not judge.
#
# PEER_DIST=/path/to/dist (the JavaScript peer's `vite build`) loads the
# peer too, interleaved with this app, and prints the ratio per pair.
# NOTICE_BENCH_RUNS (default 7) sets the loads per app and setting;
# NOTICE_BENCH_ONLY (1440x900,1024x768,slow,repeat) picks first-load settings.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
. scripts/test-deps.sh

say "machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)," \
  "$(. /etc/os-release && echo "$PRETTY_NAME"), $(chromium --version 2>/dev/null)"

say "release build"
cargo xtask dist
cargo test -p notice-tests --test budget -- --ignored --nocapture the_first_load 2>&1 | grep -E '^ +[0-9]+ ms|^  before'

say "native export and drafts (criterion)"
cargo bench -p notice-tests --bench export -- --noplot 2>&1 | grep -E '^(export_docx|draft_)|time:'

say "first load on an old office PC (headless Chromium, emulated)"
cargo test -p notice-tests --test bench_browser -- --ignored --nocapture first_load_on_an_old_office_pc 2>&1 |
  grep -E '^(--|first load|ratio)'

say "headless Chromium"
cargo test -p notice-tests --test bench_browser -- --ignored --nocapture speed_in_chromium 2>&1 |
  grep -E '^(headless|navigation|export|worker|keystroke)'
