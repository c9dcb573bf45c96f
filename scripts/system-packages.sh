#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages when it is missing: Chromium for the browser tests
# and ClickHouse for the scalable usage store. Only root can install; anyone else is told what to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium chromium-driver)
command -v clickhouse-server >/dev/null || missing+=(clickhouse-server clickhouse-client)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v curl >/dev/null || missing+=(curl)
[ -n "$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null)" ] || missing+=(postgresql)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "system-packages.sh: missing ${missing[*]}; install them as root with: apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "system-packages.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
