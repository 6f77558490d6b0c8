#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks.
#
#   bash scripts/pg-test-cluster.sh start   # prints postgres://postgres@127.0.0.1:PORT/patron_test
#   bash scripts/pg-test-cluster.sh url     # prints the URL of the running cluster again
#   bash scripts/pg-test-cluster.sh stop    # stops it and deletes its data folder
#
# Only the URL goes to stdout; everything else goes to stderr. Durability is switched off (fsync,
# synchronous_commit, full_page_writes): the data is thrown away anyway.
# The state file (port and data folder) defaults to <repo>/.tmp/pg-test-cluster.state; set
# PATRON_PG_STATE to run several clusters side by side.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${PATRON_PG_STATE:-$ROOT/.tmp/pg-test-cluster.state}"
DB_NAME="${PATRON_PG_DB:-patron_test}"
FIRST_PORT="${PATRON_PG_PORT:-55432}"

log() { printf '[pg-test-cluster] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

find_bin() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$initdb" ] || die "no PostgreSQL server found under /usr/lib/postgresql (run: bash scripts/setup-system.sh)"
  dirname "$initdb"
}

# Postgres refuses to run as root: as root, run its programs as the postgres user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

url_for() { printf 'postgres://postgres@127.0.0.1:%s/%s\n' "$1" "$DB_NAME"; }

read_state() {
  [ -f "$STATE" ] || return 1
  # shellcheck disable=SC1090
  source "$STATE"
  [ -n "${PG_PORT:-}" ] && [ -n "${PG_DIR:-}" ]
}

# A base folder the postgres user can reach (a TMPDIR under /root would not do).
base_dir() {
  local base="${TMPDIR:-/tmp}"
  mkdir -p "$base"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -w "$base" 2>/dev/null; then
    base=/tmp
  fi
  printf '%s\n' "${base%/}"
}

cleanup_failed() {
  if [ -f "$FAILED_DIR/data/server.log" ]; then
    log "server.log:"
    tail -n 40 "$FAILED_DIR/data/server.log" >&2 || true
  fi
  as_pg "$FAILED_BIN/pg_ctl" -D "$FAILED_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$FAILED_DIR"
}

cmd_start() {
  local bin base port dir
  bin="$(find_bin)"
  if read_state && [ -n "${PG_BIN:-}" ] && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
    log "already running on port $PG_PORT ($PG_DIR)"
    url_for "$PG_PORT"
    return 0
  fi
  [ "$(id -u)" -ne 0 ] || id postgres >/dev/null 2>&1 || die "no postgres user (install the postgresql package)"
  base="$(base_dir)"

  # Claim a port: free on loopback, and its folder created atomically (mkdir) so that two
  # concurrent starts never pick the same one.
  port="$FIRST_PORT"
  while :; do
    if [ "$port" -gt $((FIRST_PORT + 200)) ]; then die "no free port from $FIRST_PORT"; fi
    dir="$base/patron-pg-$port"
    if ! port_in_use "$port" && mkdir "$dir" 2>/dev/null; then break; fi
    port=$((port + 1))
  done

  # On any failure below: show the server log, stop what started, delete the folder.
  FAILED_DIR="$dir" FAILED_BIN="$bin"
  trap cleanup_failed EXIT

  mkdir -p "$dir/data" "$dir/socket"
  chmod 700 "$dir/data"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$dir"; fi

  log "initdb in $dir/data ($bin)"
  if ! as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 -N \
    >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  fi

  log "starting on 127.0.0.1:$port"
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
    -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=512MB" \
    start >&2

  as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "create database $DB_NAME" >&2

  mkdir -p "$(dirname "$STATE")"
  printf 'PG_PORT=%q\nPG_DIR=%q\nPG_BIN=%q\n' "$port" "$dir" "$bin" >"$STATE"
  trap - EXIT
  log "ready: database $DB_NAME on port $port (stop with: bash scripts/pg-test-cluster.sh stop)"
  url_for "$port"
}

cmd_stop() {
  if ! read_state; then
    log "no cluster recorded in $STATE"
    return 0
  fi
  local bin="${PG_BIN:-$(find_bin)}"
  if [ -d "$PG_DIR/data" ]; then
    log "stopping port $PG_PORT"
    as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >&2 ||
      as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >&2 || true
  fi
  # Only ever delete a folder this script made.
  case "$PG_DIR" in
    */patron-pg-[0-9]*) rm -rf "$PG_DIR" ;;
    *) log "not deleting unexpected folder $PG_DIR" ;;
  esac
  rm -f "$STATE"
  log "stopped and removed $PG_DIR"
}

cmd_url() {
  read_state || die "no cluster recorded in $STATE (run: bash scripts/pg-test-cluster.sh start)"
  url_for "$PG_PORT"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
