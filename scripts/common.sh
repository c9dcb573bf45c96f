# Sourced by studio.sh and test.sh: what both do around the database.

# Starts the private PostgreSQL cluster unless ConnectionStrings__Tariff names a server, and stops it when the
# calling script exits, but only if this call started it (a cluster someone else started keeps running).
use_database() {
  local repo="$1"
  TARIFF_STARTED_POSTGRES=""
  TARIFF_STARTED_CLICKHOUSE=""
  trap '[ -n "$TARIFF_STARTED_POSTGRES" ] && "'"$repo"'/scripts/postgres.sh" stop; [ -n "$TARIFF_STARTED_CLICKHOUSE" ] && "'"$repo"'/scripts/clickhouse.sh" stop; true' EXIT
  trap 'exit 130' INT TERM
  if [ -n "${ConnectionStrings__Tariff:-}" ]; then
    echo "using the database in ConnectionStrings__Tariff" >&2
    return 0
  fi
  local state
  # An assignment, so that a failed start stops the caller (set -e ignores failures inside a test).
  state="$("$repo/scripts/postgres.sh" start)"
  if [ "$state" = "started" ]; then
    TARIFF_STARTED_POSTGRES=1
  fi
}

# Starts the private ClickHouse server (for the ClickHouse usage store and its tests) and stops it when the calling
# script exits, if this call started it. Call after use_database, whose exit trap stops both.
use_clickhouse() {
  local repo="$1"
  local state
  state="$("$repo/scripts/clickhouse.sh" start)"
  if [ "$state" = "started" ]; then
    TARIFF_STARTED_CLICKHOUSE=1
  fi
}
