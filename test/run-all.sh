#!/usr/bin/env bash
# The one test command (npm test): dependencies, the VS Code host, build, lint, unit tests,
# tests inside the real extension host, then the browser journey. Stops at the first failing
# stage; a missing journey is a failure, never a silent skip.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source test/host/npm-install-if-needed.sh

current_stage="starting"
stage() {
  current_stage="$1"
  echo
  echo "=== $1 ==="
}
report_failure() {
  local status=$?
  [ "$status" -eq 0 ] || echo "npm test FAILED at stage: $current_stage (exit $status)" >&2
}
trap report_failure EXIT

stage "npm dependencies"
install_npm_dependencies_if_needed

stage "VS Code host (code-server)"
bash test/host/install-host.sh

stage "build"
npm run --silent build

stage "compile tests"
npm run --silent compile-tests

stage "lint"
npm run --silent lint

stage "unit tests"
npm run --silent test:unit

stage "extension host tests"
node out/test/host/runHostTests.js

stage "end-to-end journey"
if [ ! -f out/test/e2e/journey.js ]; then
  echo "out/test/e2e/journey.js is missing: test/e2e/journey.ts did not compile to it." >&2
  exit 1
fi
node out/test/e2e/journey.js

echo
echo "All test stages passed."
