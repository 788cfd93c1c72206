#!/usr/bin/env bash
# The one test command (`npm test`): installs the real servers the tests
# talk to when missing, builds, checks types, lint, format and the direction
# of imports, runs Vitest.
# THREADLINE_TEST_BACKENDS=embedded,server also runs every storage test on
# the local PostgreSQL server (CI does).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
npm run build --silent
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p web/tsconfig.json
npx eslint . --max-warnings=0
npx prettier --check . --log-level warn
npm run check:deps --silent

mkdir -p .test-data
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-data/results.json "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(".test-data/results.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || true
exit "$status"
