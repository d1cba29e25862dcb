#!/usr/bin/env bash
# The README's test command: every unit and integration test, against a real nats-server and
# FerretDB that the Jest global setup starts on free ports (binaries from scripts/ensure-infra.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -d node_modules ]] || npm ci --no-audit --no-fund
bash scripts/ensure-infra.sh
echo "[test] type-checking and building (tsc -b)..." >&2
npx tsc -b
NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning" npx jest "$@"
