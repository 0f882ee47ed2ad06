# Sourced by the top-level scripts: installs the project's npm dependencies when
# node_modules is missing or older than package.json / package-lock.json.
install_npm_dependencies_if_needed() {
  # npm does not always rewrite its own files when nothing changed, so keep a stamp.
  local stamp=node_modules/.install-stamp
  if [ ! -d node_modules ] && [ -f package-lock.json ]; then
    echo "node_modules is missing: npm ci"
    npm ci --no-audit --no-fund
  elif [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || { [ -f package-lock.json ] && [ package-lock.json -nt "$stamp" ]; }; then
    echo "node_modules may be older than package.json: npm install"
    npm install --no-audit --no-fund
  else
    return 0
  fi
  touch "$stamp"
}
