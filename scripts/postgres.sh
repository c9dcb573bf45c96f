#!/usr/bin/env bash
# The project's private PostgreSQL cluster, used when no ConnectionStrings__Tariff is set.
#
#   scripts/postgres.sh start    initdb on first run, then start on 127.0.0.1:55432 (prints "started" or "running")
#   scripts/postgres.sh stop     fast shutdown (what start started; safe to call when stopped)
#   scripts/postgres.sh status   exit 0 when running
#
# Data lives in .data/postgres. initdb refuses to run as root, so as root the folder belongs to the system user
# `postgres` and every server command runs as that user.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${TARIFF_PG_PORT:-55432}"
bin="${TARIFF_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
data="${TARIFF_PG_DATA:-$repo/.data/postgres}"

fail() { echo "postgres.sh: $*" >&2; exit 1; }

[ -x "$bin/initdb" ] || fail "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin). Install them with 'apt-get install postgresql', or set ConnectionStrings__Tariff to use another server."

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

prepare_folder() {
  mkdir -p "$data"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || fail "running as root needs the system user 'postgres' (installed with PostgreSQL)."
    chown postgres:postgres "$data"
    chmod 700 "$data"
    runuser -u postgres -- test -w "$data" \
      || fail "the user 'postgres' cannot reach $data (a parent folder is not searchable by it). Move the checkout, or set TARIFF_PG_DATA to a folder it can use."
  fi
}

is_running() { as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

port_answers() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" >/dev/null 2>&1 || [ $? -eq 1 ]; }

start() {
  prepare_folder
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "postgres.sh: creating the private cluster in $data" >&2
    as_owner "$bin/initdb" -D "$data" -U tariff --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if is_running; then
    echo "running"
    return 0
  fi
  if port_answers; then
    fail "port $port on 127.0.0.1 is already in use by another server. Stop it, set TARIFF_PG_PORT to another port, or set ConnectionStrings__Tariff to use that server."
  fi
  # The test suite runs as many test classes at once as the machine has cores, each with a studio or platform of
  # its own and their connection pools: PostgreSQL's default of 100 connections refuses some of them ("too many
  # clients already") on a machine with many cores.
  as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=${TARIFF_PG_MAX_CONNECTIONS:-500}" start >/dev/null \
    || { tail -n 20 "$data/server.log" >&2 || true; fail "the private cluster did not start; its log is above ($data/server.log)."; }
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U tariff -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'tariff'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U tariff tariff
  fi
  echo "started"
}

stop() {
  [ -f "$data/PG_VERSION" ] || return 0
  if is_running; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    echo "postgres.sh: stopped the private cluster" >&2
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) is_running ;;
  *) echo "usage: scripts/postgres.sh start|stop|status" >&2; exit 2 ;;
esac
