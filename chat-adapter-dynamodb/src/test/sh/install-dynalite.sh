#!/usr/bin/env bash
# Installs dynalite (the DynamoDB-compatible test server) from the committed package-lock.json.
# Without node/npm: under CI=true the build fails; elsewhere the DynamoDB tests skip with a loud warning.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: node and npm are required to run the DynamoDB adapter tests (dynalite), and CI=true forbids skipping them." >&2
    exit 1
  fi
  echo "WARNING: node/npm not found: the DynamoDB adapter tests will be SKIPPED. Install Node.js 18+ to run them." >&2
  exit 0
fi
if [ -f node_modules/dynalite/cli.js ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
