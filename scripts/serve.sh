#!/usr/bin/env bash
# README command 1: install what is missing, build the optimised app and
# serve it on http://127.0.0.1:8080 (PORT=… for another port). After a
# change, `cargo xtask dist` in another shell rebuilds; reload the page.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
exec cargo xtask serve --port "${PORT:-8080}"
