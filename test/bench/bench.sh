#!/usr/bin/env bash
# npm run bench: dependencies, the VS Code host (for the activation figure), the build, then the
# compiled benchmark. It exits 0 when figures miss their goals (it reports them), non-zero on a crash.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source test/host/npm-install-if-needed.sh

install_npm_dependencies_if_needed
bash test/host/install-host.sh
npm run --silent build
npm run --silent compile-tests
node --expose-gc out/test/bench/runBench.js
