#!/usr/bin/env bash
# A local cluster of N nodes (1-3) on loopback sharing one PostgreSQL. See docs/operations/cluster.md.
#   scripts/local-cluster.sh up [N]   start PostgreSQL (unless UC_PG is set) and N nodes; prints their shell endpoints
#   scripts/local-cluster.sh down     SIGTERM the nodes (graceful leave), wait, stop PostgreSQL, remove the run dir
# Environment: UC_PG (Npgsql connection string of an existing database; default: a throw-away server),
# UC_RUN_DIR (default /tmp/uc-local-cluster), UC_CONFIGURATION (Debug or Release, default Debug),
# UC_PG_BIN (PostgreSQL bin directory; default the newest /usr/lib/postgresql/*/bin).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${UC_RUN_DIR:-/tmp/uc-local-cluster}"
CONFIGURATION="${UC_CONFIGURATION:-Debug}"
NODE_DLL="$ROOT/src/Cluster.Node/bin/$CONFIGURATION/net10.0/Cluster.Node.dll"
START_TIMEOUT=90
STOP_TIMEOUT=60

die() { echo "local-cluster: $*" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  if [ -n "${UC_PG_BIN:-}" ]; then echo "$UC_PG_BIN"; return; fi
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "PostgreSQL not found under /usr/lib/postgresql (apt-get install postgresql, or set UC_PG_BIN or UC_PG)"
  echo "$dir"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_postgres() {
  local bin port pgdata
  bin="$(pg_bin)"
  pgdata="$RUN_DIR/pg"
  mkdir -p "$pgdata"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$pgdata"
  as_postgres "$bin/initdb" -D "$pgdata" -A trust -U postgres -E UTF8 --locale=C >"$RUN_DIR/initdb.log" 2>&1 \
    || die "initdb failed; see $RUN_DIR/initdb.log"
  port="$(free_port)"
  as_postgres "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/log" -w -t 60 \
    -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1" start >/dev/null \
    || die "PostgreSQL did not start; see $pgdata/log"
  echo "$bin" >"$RUN_DIR/pg.bin"
  UC_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL started on 127.0.0.1:$port (data $pgdata)"
}

stop_postgres() {
  [ -f "$RUN_DIR/pg.bin" ] || return 0
  as_postgres "$(cat "$RUN_DIR/pg.bin")/pg_ctl" -D "$RUN_DIR/pg" -m fast -w stop >/dev/null 2>&1 || true
  echo "PostgreSQL stopped"
}

up() {
  local n="${1:-3}"
  [[ "$n" =~ ^[1-3]$ ]] || die "up N: N must be 1, 2 or 3 (hocon/cluster has three node files)"
  [ -f "$NODE_DLL" ] || die "$NODE_DLL is missing: dotnet build src/Cluster.Node -c $CONFIGURATION"
  [ -e "$RUN_DIR" ] && die "$RUN_DIR exists: run '$0 down' first (or set UC_RUN_DIR)"
  mkdir -p "$RUN_DIR"
  if [ -z "${UC_PG:-}" ]; then start_postgres; else echo "Using PostgreSQL from UC_PG"; fi
  echo "$UC_PG" >"$RUN_DIR/uc_pg"
  for i in $(seq 1 "$n"); do
    (cd "$RUN_DIR" && UC_PG="$UC_PG" exec dotnet "$NODE_DLL" --config "$ROOT/hocon/cluster/node$i.conf" >"node$i.log" 2>&1) &
    echo $! >"$RUN_DIR/node$i.pid"
  done
  for i in $(seq 1 "$n"); do
    local deadline=$((SECONDS + START_TIMEOUT))
    until grep -q "Node node$i is up" "$RUN_DIR/node$i.log" 2>/dev/null; do
      kill -0 "$(cat "$RUN_DIR/node$i.pid")" 2>/dev/null || { tail -n 30 "$RUN_DIR/node$i.log" >&2; die "node$i exited during start-up (log $RUN_DIR/node$i.log)"; }
      [ $SECONDS -lt $deadline ] || die "node$i did not log 'is up' within ${START_TIMEOUT}s (log $RUN_DIR/node$i.log)"
      sleep 0.2
    done
    echo "node$i is up: shell 127.0.0.1:911$i (dotnet src/Cluster.Shell/bin/$CONFIGURATION/net10.0/uc.dll 127.0.0.1:911$i), log $RUN_DIR/node$i.log"
  done
}

down() {
  [ -d "$RUN_DIR" ] || { echo "nothing running ($RUN_DIR does not exist)"; return 0; }
  local pids=()
  for f in "$RUN_DIR"/node*.pid; do
    [ -f "$f" ] || continue
    local pid; pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; pids+=("$pid"); fi
  done
  local deadline=$((SECONDS + STOP_TIMEOUT))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do
      if [ $SECONDS -ge $deadline ]; then echo "node pid $pid did not stop within ${STOP_TIMEOUT}s: kill -9" >&2; kill -KILL "$pid" 2>/dev/null || true; break; fi
      sleep 0.2
    done
  done
  [ ${#pids[@]} -gt 0 ] && echo "nodes stopped: ${pids[*]}"
  stop_postgres
  rm -rf "$RUN_DIR"
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  *) echo "usage: $0 up [N] | down" >&2; exit 2 ;;
esac
