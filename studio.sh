#!/usr/bin/env bash
# Builds Tariff, starts its private PostgreSQL (unless ConnectionStrings__Tariff is set), applies migrations,
# loads the demo tenant and serves the studio on http://127.0.0.1:5080 until Ctrl-C, which stops both.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"

urls="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
port="$(sed -E 's#^.*:([0-9]+)/?$#\1#' <<<"${urls%%;*}")"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "studio.sh: port $port on 127.0.0.1 is already in use; stop what is using it or set ASPNETCORE_URLS (e.g. http://127.0.0.1:5081)." >&2
  exit 1
fi

scripts/frontend.sh
echo "studio.sh: building"
dotnet build studio/Tariff.Studio/Tariff.Studio.csproj -c Release --nologo -v quiet -clp:NoSummary

source scripts/common.sh
use_database "$repo"

echo "studio.sh: serving the studio on $urls (Ctrl-C stops it)"
cd studio/Tariff.Studio
ASPNETCORE_URLS="$urls" dotnet bin/Release/net10.0/Tariff.Studio.dll
