#!/usr/bin/env bash
# The project's private ClickHouse server, for the scalable usage store and its tests.
#
#   scripts/clickhouse.sh start    start on 127.0.0.1 (HTTP 58123, native 59000; prints "started" or "running")
#   scripts/clickhouse.sh stop     stop it (safe to call when stopped)
#   scripts/clickhouse.sh status   exit 0 when it answers
#
# Data, configuration and logs live in .data/clickhouse; the server listens on the loopback address only.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
http_port="${TARIFF_CH_HTTP_PORT:-58123}"
tcp_port="${TARIFF_CH_TCP_PORT:-59000}"
data="${TARIFF_CH_DATA:-$repo/.data/clickhouse}"
server="$(command -v clickhouse-server || true)"

fail() { echo "clickhouse.sh: $*" >&2; exit 1; }

answers() { curl -sf "http://127.0.0.1:$http_port/ping" >/dev/null 2>&1; }

write_config() {
  mkdir -p "$data/data" "$data/tmp" "$data/log" "$data/user_files" "$data/format_schemas"
  cat > "$data/users.xml" <<XML
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
XML
  cat > "$data/config.xml" <<XML
<yandex>
  <logger><level>warning</level><log>$data/log/server.log</log><errorlog>$data/log/error.log</errorlog><size>50M</size><count>2</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http_port</http_port>
  <tcp_port>$tcp_port</tcp_port>
  <path>$data/data/</path>
  <tmp_path>$data/tmp/</tmp_path>
  <user_files_path>$data/user_files/</user_files_path>
  <format_schema_path>$data/format_schemas/</format_schema_path>
  <users_config>$data/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
</yandex>
XML
}

start() {
  [ -n "$server" ] || fail "clickhouse-server not found. Install it with 'apt-get install clickhouse-server clickhouse-client' (scripts/system-packages.sh does as root)."
  if answers; then
    echo "running"
    return 0
  fi
  write_config
  "$server" --config-file="$data/config.xml" --pid-file="$data/server.pid" --daemon >/dev/null 2>&1 \
    || fail "the server did not start; see $data/log/error.log"
  for _ in $(seq 1 60); do
    if answers; then
      echo "started"
      return 0
    fi
    sleep 0.5
  done
  tail -n 20 "$data/log/error.log" >&2 || true
  fail "the server did not answer on 127.0.0.1:$http_port within 30 seconds; its log is above."
}

stop() {
  [ -f "$data/server.pid" ] || return 0
  local pid
  pid="$(cat "$data/server.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    echo "clickhouse.sh: stopped the private server" >&2
  fi
  rm -f "$data/server.pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers ;;
  *) echo "usage: scripts/clickhouse.sh start|stop|status" >&2; exit 2 ;;
esac
