#!/usr/bin/env bash
# The README's test command: every unit, integration and end-to-end test, against a real nats-server
# and FerretDB that the Jest global setup starts on free ports (binaries from scripts/ensure-infra.sh).
# Arguments are passed to Jest (e.g. `npm test -- apps/trends`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -d node_modules ]] || npm ci --no-audit --no-fund
bash scripts/ensure-infra.sh
echo "[test] type-checking and building (tsc -b, then the dashboard)..." >&2
npx tsc -b
node scripts/build-dashboard.mjs
mkdir -p reports
status=0
NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning" \
  npx jest --json --outputFile=reports/jest.json "$@" || status=$?
# One plain closing line for CI readers: "N passed, N failed, N skipped".
node -e '
  const r = JSON.parse(require("fs").readFileSync("reports/jest.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' 2>/dev/null || true
exit "$status"
