#!/usr/bin/env bash
# Installs the npm packages pinned in package-lock.json (the ANTLR tool jar and the studio's browser libraries)
# and builds the studio's assets into studio/Tariff.Studio/wwwroot/lib. Does nothing when both are up to date.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

command -v node >/dev/null || { echo "frontend.sh: Node.js (20 or later) and npm are needed; install them with 'apt-get install nodejs npm'." >&2; exit 1; }

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "frontend.sh: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

assets=studio/Tariff.Studio/wwwroot/lib/versions.json
if [ ! -f "$assets" ] || [ package-lock.json -nt "$assets" ] || [ studio/Tariff.Studio/client/build.mjs -nt "$assets" ]; then
  node studio/Tariff.Studio/client/build.mjs
fi
