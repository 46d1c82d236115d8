#!/usr/bin/env bash
# Starts Kamailio (Debian package kamailio, 5.6) in the foreground as the benchmark's registrar and stateful proxy,
# with bench/sip/kamailio.cfg. Used by run.sh for the "kamailio" target, and usable as OURS_START to run Kamailio
# against itself (proves the side-by-side path of run.sh). Everything comes from the environment run.sh sets:
#   BENCH_SIP_PORT   UDP port on 127.0.0.1 (required)
#   BENCH_AUTH       1 = REGISTER needs digest credentials, 0 = not (default 0)
#   BENCH_USERS_CSV  SIPp injection file "user;password" lines after a SEQUENTIAL/RANDOM header (needed with auth)
#   BENCH_DOMAIN     SIP domain = digest realm (default bench.local)
#   BENCH_WORKDIR    directory for the generated db_text table and the runtime directory (default: a new temp dir)
#   KAM_CHILDREN     UDP worker processes (default: number of cores)
#   KAM_SHM_MB / KAM_PKG_MB  shared / per-process memory in MB (defaults 256 / 16)
#   KAM_MEM          memory manager for shm and pkg: qm (Kamailio's default, with debugging), fm or tlsf
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${BENCH_SIP_PORT:?BENCH_SIP_PORT (UDP port) is required}
auth=${BENCH_AUTH:-0}
domain=${BENCH_DOMAIN:-bench.local}
work=${BENCH_WORKDIR:-$(mktemp -d)}
children=${KAM_CHILDREN:-$(nproc)}
dir="$work/kamailio-$port"
mkdir -p "$dir/db" "$dir/run"

args=(-f "$here/kamailio.cfg" -DD -E -l "udp:127.0.0.1:$port" -n "$children"
      -m "${KAM_SHM_MB:-256}" -M "${KAM_PKG_MB:-16}" -Y "$dir/run")
if [ -n "${KAM_MEM:-}" ]; then args+=(-x "$KAM_MEM"); fi
if [ "$auth" = 1 ]; then
  csv=${BENCH_USERS_CSV:?BENCH_USERS_CSV is required with BENCH_AUTH=1}
  # db_text table for htable: id key_name key_type(0 = string key) value_type(0 = string value) key_value expires
  printf 'htable:2\n' >"$dir/db/version"
  {
    echo 'id(int,auto) key_name(string) key_type(int) value_type(int) key_value(string) expires(int) '
    awk -F';' -v realm="$domain" 'NR > 1 && NF >= 2 && $1 != "" {
        cmd = "printf %s \"" $1 ":" realm ":" $2 "\" | md5sum"; cmd | getline h; close(cmd)
        split(h, a, " "); printf "%d:%s:0:0:%s:0\n", ++n, $1, a[1] }' "$csv"
  } >"$dir/db/htable"
  args+=(-A WITH_AUTH -A "HTABLE_DB=\"text://$dir/db\"")
fi
exec kamailio "${args[@]}"
