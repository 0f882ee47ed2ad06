#!/usr/bin/env bash
# Installs a real VS Code (code-server, embedding VS Code 1.100.3) for running the
# extension on this offline machine: see VSCODE-HOST.md in the shared folder beside this repository for why each step
# exists. Idempotent: once installed, a second run only checks and returns.
set -euo pipefail

readonly CODE_SERVER_VERSION=4.100.3
readonly DEBIAN_PACKAGES=(libkrb5-dev ripgrep chromium)
# Native modules inside lib/vscode whose install scripts were skipped.
readonly VSCODE_NATIVE_MODULES=(@parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE_DIR="$ROOT/.vscode-test/code-server"
CODE_SERVER_DIR="$CACHE_DIR/node_modules/code-server"
VSCODE_DIR="$CODE_SERVER_DIR/lib/vscode"
MARKER="$CACHE_DIR/.installed-$CODE_SERVER_VERSION"
LOG="$CACHE_DIR/install.log"

current_step="starting"
step() {
  current_step="$1"
  echo "[install-host] $1"
}
report_failure() {
  local status=$?
  [ "$status" -eq 0 ] && return
  echo "[install-host] FAILED during step: $current_step (exit $status)" >&2
  if [ -s "$LOG" ]; then
    echo "[install-host] last lines of $LOG:" >&2
    tail -n 20 "$LOG" >&2
  fi
}
trap report_failure EXIT

# Runs a command with its output kept in the log, not on the console.
logged() {
  "$@" >>"$LOG" 2>&1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "[install-host] need root (or sudo) to run: $*" >&2
    return 1
  fi
}

is_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

has_candidate() {
  apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [^(]'
}

install_debian_packages() {
  local missing=() package
  for package in "${DEBIAN_PACKAGES[@]}"; do
    is_installed "$package" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  step "1. apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  for package in "${missing[@]}"; do
    if ! has_candidate "$package"; then
      logged as_root apt-get update -q
      break
    fi
  done
  logged as_root apt-get install -y -q "${missing[@]}"
}

check_node_version() {
  step "checking Node.js is version 20 (code-server $CODE_SERVER_VERSION needs it)"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" != 20 ]; then
    echo "[install-host] found Node.js $(node --version); code-server $CODE_SERVER_VERSION runs on Node 20 only" >&2
    return 1
  fi
}

install_code_server() {
  local node_gyp node_dir module
  node_gyp="$(npm root -g 2>/dev/null)/npm/node_modules/node-gyp/bin/node-gyp.js"
  node_dir=$(dirname "$(dirname "$(command -v node)")")

  step "2. npm install code-server@$CODE_SERVER_VERSION (scripts skipped) in $CACHE_DIR"
  [ -f "$CACHE_DIR/package.json" ] || echo '{ "private": true }' >"$CACHE_DIR/package.json"
  (cd "$CACHE_DIR" && logged npm install --save-exact --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION")

  step "3. npm install VS Code's own dependencies"
  (cd "$VSCODE_DIR" && logged npm install --omit=dev --ignore-scripts --no-audit --no-fund)

  for module in "${VSCODE_NATIVE_MODULES[@]}"; do
    step "4. node-gyp rebuild $module"
    (cd "$VSCODE_DIR/node_modules/$module" && logged node "$node_gyp" rebuild --nodedir="$node_dir")
  done

  step "5. link ripgrep and node_modules.asar"
  mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
  ln -sfn "$(command -v rg)" "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"
  ln -sfn node_modules "$VSCODE_DIR/node_modules.asar"

  step "6. link the remote-cli and browser helpers"
  ln -sfn code-linux.sh "$VSCODE_DIR/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$VSCODE_DIR/bin/helpers/browser.sh"

  step "7. npm install the built-in extensions' dependencies"
  (cd "$VSCODE_DIR/extensions" && logged npm install --omit=dev --ignore-scripts --no-audit --no-fund)

  step "8. npm rebuild argon2"
  (cd "$CACHE_DIR/node_modules/argon2" && logged npm rebuild)
}

mkdir -p "$CACHE_DIR"
install_debian_packages
if [ -f "$MARKER" ]; then
  echo "[install-host] code-server $CODE_SERVER_VERSION already installed in $CACHE_DIR"
  exit 0
fi
check_node_version
install_code_server
touch "$MARKER"
echo "[install-host] done: $CODE_SERVER_DIR/out/node/entry.js"
