#!/usr/bin/env bash
# Installs a module's Node packages from its committed package-lock.json (npm ci), once per change of the lock.
# Usage: npm-ci.sh MODULE_DIR "what needs them"
# Without node/npm: under CI=true the build fails; elsewhere the tests that need them skip with a loud warning.
set -euo pipefail
cd "$1"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: node and npm are required for $2, and CI=true forbids skipping those tests." >&2
    exit 1
  fi
  echo "WARNING: node/npm not found: $2 will be SKIPPED. Install Node.js 20 or later to run them." >&2
  exit 0
fi
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
