#!/usr/bin/env bash
# The demo (npm start): the extension in a real VS Code, served on loopback, talking to
# the PVWA simulator. Needs no browser on this machine: it prints the address to open.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source test/host/npm-install-if-needed.sh

install_npm_dependencies_if_needed
bash test/host/install-host.sh
npm run --silent build
npm run --silent compile-tests
exec node out/test/host/start.js
