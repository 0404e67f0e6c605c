#!/usr/bin/env bash
# Speed (issue 8): builds the release app, then prints, with median and
# spread, the native export of 10/200/1,000 tasks and reading and writing a
# 1,000-task draft (criterion), and in
# headless Chromium: navigation to a usable form, export through the worker,
# the worker's memory across 100 exports, and keystroke to updated DOM with
# a 200-task draft and the preview open. Measures; does not judge.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
. scripts/test-deps.sh

say "machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)," \
  "$(. /etc/os-release && echo "$PRETTY_NAME"), $(chromium --version 2>/dev/null)"

say "release build"
trunk build --release --offline
cargo test --test budget -- --ignored --nocapture the_first_load 2>&1 | grep -E '^ +[0-9]+ B'

say "native export and drafts (criterion)"
cargo bench --bench export -- --noplot 2>&1 | grep -E '^(export_docx|draft_)|time:'

say "headless Chromium"
cargo test --test bench_browser -- --ignored --nocapture 2>&1 |
  grep -E '^(headless|navigation|export|worker|keystroke)'
