#!/usr/bin/env bash
# README command 1: install what is missing, build the optimised app and
# serve it on http://127.0.0.1:8080 (rebuilding on change).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
# No autoreload: its inline script would break the page's CSP.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
