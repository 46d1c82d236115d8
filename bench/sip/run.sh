#!/usr/bin/env bash
# Side-by-side SIP figures: our node and Kamailio 5.6 (Debian package kamailio) as registrar and stateful proxy,
# same machine, same run, same SIPp scenarios, loopback UDP, one target at a time.
#
#   reg-noauth  REGISTER/s without authentication      register_noauth.xml   (rate search, then latency at half)
#   calls       calls/s INVITE-180-200-ACK-BYE-200     uac_call.xml -> proxy -> uas_answer.xml  (rate search)
#   reg-auth    REGISTER/s with digest authentication  register_auth.xml     (rate search, then latency at half)
#
# Rate search: fixed-rate SIPp runs of STEP_SECONDS, doubling from the start rate until one fails, then bisection
# until the bracket is narrower than PRECISION. A step passes when every call succeeded (SIPp exit code 0, no
# failed call), retransmissions stayed within RETRANS_MAX_PCT % of the calls, and the achieved rate was at least
# 90 % of the offered one. Latency: LAT_SECONDS at half the maximum rate, captured with tcpdump on lo and paired
# request -> final response by siplat.py (microseconds, at the server's socket), plus SIPp's own p99 (whole ms).
#
# Targets: "kamailio" always (bench/sip/kamailio-start.sh + kamailio.cfg); "ours" when OURS_START is set:
#   OURS_START      command that starts our node in the foreground (run with bash -c in its own session; stopped
#                   with SIGTERM to the whole session). It sees BENCH_SIP_PORT, BENCH_AUTH (0|1), BENCH_DOMAIN,
#                   BENCH_USERS_CSV, BENCH_WORKDIR, and DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
#                   when PROFILE=1.
#   OURS_SIP        host:port it listens on (UDP), e.g. 127.0.0.1:5260
#   OURS_READY      a line its output prints when it is up (optional; an OPTIONS probe follows either way)
#   OURS_PROVISION  command that creates the users of BENCH_USERS_CSV ("user;password" lines after a header line)
#                   in domain BENCH_DOMAIN, e.g. 'dotnet run --project src/Cluster.Shell -- user import "$BENCH_USERS_CSV"'
#                   (run after every start; must be idempotent)
#   OURS_NAME       column title (default "ours")
# Settings (environment, defaults in brackets): USERS [1000] DOMAIN [bench.local] KAM_PORT [5160]
#   KAM_CHILDREN [cores] KAM_MEM [fm] STEP_SECONDS [3] LAT_SECONDS [10] PRECISION [0.1] RETRANS_MAX_PCT [1]
#   RETRIES [1] (a failing step is repeated this many times before the rate counts as failed)
#   SETTLE_AFTER_FAILURE [5] (seconds of quiet after a failing step; 1 s after a passing one)
#   REG_START_RATE [1000] REG_MAX_RATE [64000] CALL_START_RATE [100] CALL_MAX_RATE [8000] HOLD_MS [500]
#   SCENARIOS ["reg-noauth calls reg-auth"] PROFILE [0] (1 = perf record each target during the latency run)
#   PROFILE_SECONDS [5] BUFF [4194304] (SIPp socket buffers, bytes; SIPp's own default 65535 overflows in
#   a few ms of descheduling at these rates; the kernel caps it at net.core.rmem_max) OUT [bench/RESULTS.sip.md] NOTE [] (a paragraph added to the results)
# Needs: kamailio, sip-tester (sipp), tcpdump, python3; perf for PROFILE=1. Run as root (tcpdump, perf).
set -euo pipefail
cd "$(dirname "$0")/../.."
S=$(pwd)/bench/sip

USERS=${USERS:-1000}
DOMAIN=${DOMAIN:-bench.local}
KAM_PORT=${KAM_PORT:-5160}
export KAM_CHILDREN=${KAM_CHILDREN:-$(nproc)}
export KAM_MEM=${KAM_MEM:-fm}
STEP_SECONDS=${STEP_SECONDS:-3}
LAT_SECONDS=${LAT_SECONDS:-10}
PRECISION=${PRECISION:-0.1}
RETRIES=${RETRIES:-1}
RETRANS_MAX_PCT=${RETRANS_MAX_PCT:-1}
REG_START_RATE=${REG_START_RATE:-1000}
REG_MAX_RATE=${REG_MAX_RATE:-64000}
CALL_START_RATE=${CALL_START_RATE:-100}
CALL_MAX_RATE=${CALL_MAX_RATE:-8000}
HOLD_MS=${HOLD_MS:-500}
SCENARIOS=${SCENARIOS:-"reg-noauth calls reg-auth"}
PROFILE=${PROFILE:-0}
PROFILE_SECONDS=${PROFILE_SECONDS:-5}
BUFF=${BUFF:-4194304}
OUT=${OUT:-bench/RESULTS.sip.md}
OURS_NAME=${OURS_NAME:-ours}
NOTE=${NOTE:-}
UAS_PORT=5170; CALLEE_REG_PORT=5171; UAC_PORT=5180; PROBE_PORT=5179
CALLEE_PASSWORD=callee-secret

for tool in kamailio sipp tcpdump python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed (apt-get install -y kamailio sip-tester tcpdump)" >&2; exit 2; }
done
if [ "$PROFILE" = 1 ] && ! command -v perf >/dev/null; then echo "run.sh: PROFILE=1 needs perf" >&2; exit 2; fi
targets=(kamailio)
if [ -n "${OURS_START:-}" ]; then
  [ -n "${OURS_SIP:-}" ] || { echo "run.sh: OURS_SIP (host:port) is required with OURS_START" >&2; exit 2; }
  targets+=(ours)
fi

work=$(mktemp -d /tmp/sipbench.XXXXXX)
started=()   # session ids (= pids) of everything we started in the background
alive() { ps -o stat= -s "$1" 2>/dev/null | grep -qv '^Z'; }   # any live (not zombie) process in session $1
stop_session() { # sid: SIGTERM to the session, SIGKILL after 10 s
  local sid=$1 i
  kill -TERM -- "-$sid" 2>/dev/null || kill -TERM "$sid" 2>/dev/null || true
  for i in $(seq 1 100); do alive "$sid" || break; sleep 0.1; done
  if alive "$sid"; then kill -KILL -- "-$sid" 2>/dev/null || true; fi
  wait "$sid" 2>/dev/null || true
}
helpers=()   # pids of tcpdump and perf runs (children of this shell)
cleanup() {
  local sid p
  for p in "${helpers[@]}"; do kill -INT "$p" 2>/dev/null || true; done
  for sid in "${started[@]}"; do stop_session "$sid"; done
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
spawn() { # logfile cmd... : starts cmd in its own session; SPAWNED = its pid (= session id, as the script's
  # background jobs are not process group leaders, setsid does not fork)
  local logf=$1; shift
  setsid "$@" >"$logf" 2>&1 </dev/null &
  SPAWNED=$!
  started+=("$SPAWNED")
}
forget() { local sid=$1 kept=() s; for s in "${started[@]}"; do [ "$s" = "$sid" ] || kept+=("$s"); done; started=("${kept[@]}"); }

# ---------- users ----------
users_csv=$work/users.csv
{
  echo SEQUENTIAL
  for i in $(seq -f '%05g' 1 "$USERS"); do echo "user$i;pw-$i-$RANDOM"; done
} >"$users_csv"
provision_csv=$work/provision.csv   # the users plus the callee of the call benchmark
{ cat "$users_csv"; echo "callee;$CALLEE_PASSWORD"; } >"$provision_csv"

# ---------- machine ----------
cpu_ticks() { # sid: user+system clock ticks of every process of the session
  local sid=$1 total=0 p stat rest
  for p in $(pgrep -s "$sid"); do
    stat=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    rest=${stat##*) }
    # fields after ") ": state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
    set -- $rest
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
hz=$(getconf CLK_TCK)
udp_drops() { awk '/^Udp:/ { if (++n == 2) print $6 }' /proc/net/snmp; }   # RcvbufErrors: datagrams dropped by a full socket buffer
now() { date +%s.%N; }
fmt() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }

# ---------- targets ----------
declare -A addr=([kamailio]="127.0.0.1:$KAM_PORT" [ours]="${OURS_SIP:-}")
declare -A sid=()
target_port() { echo "${addr[$1]##*:}"; }

start_target() { # name auth
  local name=$1 auth=$2 port logf=$work/$1-auth$2.log cmd ready deadline
  port=$(target_port "$name")
  export BENCH_SIP_PORT=$port BENCH_AUTH=$auth BENCH_DOMAIN=$DOMAIN BENCH_USERS_CSV=$provision_csv BENCH_WORKDIR=$work
  # .NET: perf resolves JIT frames through /tmp/perf-PID.map, which needs W^X off (else they show as memfd:doublemapper)
  if [ "$PROFILE" = 1 ]; then export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0; fi
  if [ "$name" = kamailio ]; then cmd="$S/kamailio-start.sh"; ready="Listening on"
  else cmd=$OURS_START; ready=${OURS_READY:-}; fi
  log "start $name (auth=$auth) on ${addr[$name]}: $cmd"
  spawn "$logf" bash -c "$cmd"; sid[$name]=$SPAWNED
  deadline=$((SECONDS + ${OURS_READY_TIMEOUT:-180}))
  if [ -n "$ready" ]; then
    until grep -qF -- "$ready" "$logf" 2>/dev/null; do
      alive "${sid[$name]}" || { tail -20 "$logf" >&2; echo "run.sh: $name exited before it was ready" >&2; exit 1; }
      [ $SECONDS -lt $deadline ] || { tail -20 "$logf" >&2; echo "run.sh: $name did not print '$ready' in time" >&2; exit 1; }
      sleep 0.2
    done
  fi
  # OPTIONS probe (bench/sip/options_uac.xml) until the target answers 200
  until sipp "${addr[$name]}" -sf $S/options_uac.xml -m 1 -i 127.0.0.1 -p $PROBE_PORT -nostdin -nd \
        -recv_timeout 1000 -timeout 5s -timeout_error >/dev/null 2>&1; do
    alive "${sid[$name]}" || { tail -20 "$logf" >&2; echo "run.sh: $name exited before it answered OPTIONS" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "run.sh: $name does not answer OPTIONS on ${addr[$name]}" >&2; exit 1; }
    sleep 0.5
  done
  if [ "$name" = ours ] && [ -n "${OURS_PROVISION:-}" ]; then
    log "provision $name: $OURS_PROVISION"
    bash -c "$OURS_PROVISION" >"$work/$name-provision.log" 2>&1 || { tail -20 "$work/$name-provision.log" >&2; echo "run.sh: OURS_PROVISION failed" >&2; exit 1; }
  fi
}
stop_target() { local name=$1; stop_session "${sid[$name]}"; forget "${sid[$name]}"; log "stopped $name"; }

# ---------- one SIPp run ----------
# sipp_step target kind rate seconds [extra sipp args...] -> sets STEP_* and returns 0 when the step passed
sipp_step() {
  local name=$1 kind=$2 rate=$3 secs=$4; shift 4
  local calls=$((rate * secs)) sf hold_s=0 stf=$work/step.csv out=$work/step.out tf=$work/step.time
  local t0 t1 c0 c1 d0 d1 u0=0 u1=0 rc=0
  case $kind in
    reg-noauth) sf=$S/register_noauth.xml; set -- -inf "$users_csv" "$@" ;;
    reg-auth)   sf=$S/register_auth.xml;   set -- -inf "$users_csv" "$@" ;;
    calls)      sf=$S/uac_call.xml; hold_s=$(awk -v h="$HOLD_MS" 'BEGIN { print h / 1000 }')
                set -- -key callee callee -d "$HOLD_MS" "$@" ;;
  esac
  rm -f "$stf"
  if [ "$kind" = calls ]; then u0=$(cpu_ticks "$UAS_SID"); fi
  d0=$(udp_drops); c0=$(cpu_ticks "${sid[$name]}"); t0=$(now)
  { TIMEFORMAT='%U %S'; time sipp "${addr[$name]}" -sf "$sf" -key domain "$DOMAIN" -i 127.0.0.1 -p $UAC_PORT \
      -r "$rate" -m "$calls" -l $((rate * 3 + 100)) -nostdin -nd -max_retrans 3 -recv_timeout 4000 -buff_size $BUFF \
      -timeout "$((secs * 3 + 20))s" -trace_stat -stf "$stf" -fd 1 -max_recv_loops 10000 -max_sched_loops 10000 \
      "$@" >"$out" 2>&1 || rc=$?; } 2>"$tf"
  t1=$(now); c1=$(cpu_ticks "${sid[$name]}"); d1=$(udp_drops)
  if [ "$kind" = calls ]; then u1=$(cpu_ticks "$UAS_SID"); fi
  local cols; cols=$(head -1 "$stf" 2>/dev/null || true)
  col() { awk -F';' -v h="$cols" -v name="$1" 'BEGIN { n = split(h, a, ";"); for (i = 1; i <= n; i++) if (a[i] == name) c = i }
                                              END { print (c && $c != "" ? $c : 0) }' <(tail -1 "$stf" 2>/dev/null); }
  STEP_OK=$(col 'SuccessfulCall(C)'); STEP_FAILED=$(col 'FailedCall(C)'); STEP_RETRANS=$(col 'Retransmissions(C)')
  STEP_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  STEP_ACHIEVED=$(awk -v n="$STEP_OK" -v w="$STEP_WALL" -v h="$hold_s" 'BEGIN { d = w - h; printf "%.0f", (d > 0 ? n / d : 0) }')
  STEP_SERVER_CPU=$(awk -v c="$((c1 - c0))" -v hz="$hz" -v w="$STEP_WALL" 'BEGIN { printf "%.0f", 100 * c / hz / w }')
  STEP_CPU_US=$(awk -v c="$((c1 - c0))" -v hz="$hz" -v n="$STEP_OK" 'BEGIN { printf "%.0f", (n > 0 ? 1e6 * c / hz / n : 0) }')
  STEP_SIPP_CPU=$(awk -v w="$STEP_WALL" '{ printf "%.0f%%", 100 * ($1 + $2) / w }' "$tf" 2>/dev/null || echo "?")
  if [ "$kind" = calls ]; then
    STEP_SIPP_CPU+=$(awk -v c="$((u1 - u0))" -v hz="$hz" -v w="$STEP_WALL" 'BEGIN { printf " + UAS %.0f%%", 100 * c / hz / w }')
  fi
  STEP_DROPS=$((d1 - d0))
  STEP_RC=$rc
  local verdict=pass
  if [ "$rc" != 0 ] || [ "$STEP_FAILED" != 0 ] || [ "$STEP_OK" -lt "$calls" ]; then verdict=fail
  elif awk -v r="$STEP_RETRANS" -v n="$calls" -v m="$RETRANS_MAX_PCT" 'BEGIN { exit !(100 * r > m * n) }'; then verdict=fail
  elif awk -v a="$STEP_ACHIEVED" -v r="$rate" 'BEGIN { exit !(a < 0.9 * r) }'; then verdict=fail; fi
  STEP_LINE="| $rate | $STEP_OK/$calls | $STEP_FAILED | $STEP_RETRANS | $STEP_DROPS | $STEP_ACHIEVED | ${STEP_SERVER_CPU}% | $STEP_CPU_US | $STEP_SIPP_CPU | $verdict |"
  log "$name $kind rate=$rate ok=$STEP_OK/$calls failed=$STEP_FAILED retrans=$STEP_RETRANS udp_drops=$STEP_DROPS achieved=$STEP_ACHIEVED/s server_cpu=${STEP_SERVER_CPU}% cpu/call=${STEP_CPU_US}us sipp_cpu=$STEP_SIPP_CPU rc=$rc -> $verdict"
  # let the step's retransmissions and timers drain before the next one: after a failure the answering SIPp holds
  # aborted calls (timewait 4 s) and the server retransmits, which would otherwise load the next step
  if [ $verdict = pass ]; then sleep 1; return 0; fi
  sleep "${SETTLE_AFTER_FAILURE:-5}"
  return 1
}

declare -A R=()      # results: R[target.kind.field]
declare -A STEPS=()  # markdown rows of every step: STEPS[target.kind]

try_rate() { # target kind rate: one step, repeated up to RETRIES times while it fails (a busy shared machine
  # produces isolated late answers that are not the target's limit); records every step
  local i
  for i in $(seq 0 "$RETRIES"); do
    if sipp_step "$1" "$2" "$3" "$STEP_SECONDS"; then
      STEPS[$1.$2]+="$STEP_LINE"$'\n'
      R[$1.$2.cpu_us]=$STEP_CPU_US; R[$1.$2.server_cpu]=$STEP_SERVER_CPU; R[$1.$2.sipp_cpu]=$STEP_SIPP_CPU
      return 0
    fi
    STEPS[$1.$2]+="$STEP_LINE"$'\n'
  done
  return 1
}

search() { # target kind start max
  local name=$1 kind=$2 r=$3 max=$4 lo=0 hi=0 mid key=$1.$2
  STEPS[$key]=""
  while :; do
    if try_rate "$name" "$kind" "$r"; then
      lo=$r
      [ "$r" -lt "$max" ] || break
      r=$((r * 2)); [ "$r" -le "$max" ] || r=$max
    else
      hi=$r; break
    fi
  done
  while [ "$hi" -gt 0 ] && awk -v l="$lo" -v h="$hi" -v p="$PRECISION" 'BEGIN { exit !(h - l > p * (l > 0 ? l : h)) }'; do
    mid=$(( (lo + hi) / 2 ))
    [ "$mid" -ge 10 ] || break
    if try_rate "$name" "$kind" "$mid"; then lo=$mid; else hi=$mid; fi
  done
  R[$key.max]=$lo
  R[$key.capped]=$([ "$hi" = 0 ] && echo yes || echo no)
  log "$name $kind: max $lo/s (first failing rate: ${hi/#0/none})"
}

latency() { # target kind: LAT_SECONDS at half the max rate, tcpdump + siplat.py, SIPp rtt, optional perf
  local name=$1 kind=$2 key=$1.$2 rate port cap=$work/lat.pcap td=$work/tcpdump.err i pf="" perfpid=""
  rate=$(( ${R[$key.max]} / 2 ))
  if [ "$rate" -lt 1 ]; then R[$key.lat]="n/a (no passing rate)"; return; fi
  port=$(target_port "$name")
  rm -f "$cap" "$td" "$work"/*_rtt.csv
  tcpdump -i lo -n -s 600 -B 32768 -w "$cap" "udp and port $port and port $UAC_PORT" 2>"$td" &
  local tdpid=$!; helpers+=("$tdpid")
  for i in $(seq 1 100); do grep -q listening "$td" 2>/dev/null && break; sleep 0.1; done
  pushd "$work" >/dev/null   # SIPp writes its _rtt.csv into the current directory
  sipp_step "$name" "$kind" "$rate" "$LAT_SECONDS" -trace_rtt -rtt_freq 200 || true
  popd >/dev/null
  R[$key.lat_step]=$STEP_LINE
  sleep 0.5; kill -INT "$tdpid" 2>/dev/null || true; wait "$tdpid" 2>/dev/null || true
  if [ "$PROFILE" = 1 ]; then
    # a separate run at the same rate, so that perf does not disturb the latency figures: sample every process
    # of the target's session for PROFILE_SECONDS, starting 1 s into the run
    pf=$work/perf-$name-$kind.data
    ( sleep 1; perf record -F 997 -g -o "$pf" -p "$(pgrep -s "${sid[$name]}" | paste -sd,)" -- sleep "$PROFILE_SECONDS" \
        >"$work/perf-$name-$kind.log" 2>&1 ) &
    perfpid=$!; helpers+=("$perfpid")
    sipp_step "$name" "$kind" "$rate" "$((PROFILE_SECONDS + 2))" || true
    wait "$perfpid" 2>/dev/null || true
  fi
  local method; method=$([ "$kind" = calls ] && echo INVITE || echo REGISTER)
  local lat; lat=$(python3 $S/siplat.py "$cap" "$port" --method "$method")
  log "$name $kind latency at $rate/s: $(echo "$lat" | tr '\n' ' ') ($(grep -o '[0-9]* packets dropped by kernel' "$td" || true))"
  local fin; fin=$(grep -E "^$method 200 " <<<"$lat" || true)
  R[$key.lat_rate]=$rate
  R[$key.p99]=$(grep -o "p99_us=[0-9]*" <<<"$fin" | cut -d= -f2 || true)
  R[$key.lat_raw]=$lat
  R[$key.lat_drops]=$(grep -o '[0-9]* packets dropped by kernel' "$td" | cut -d' ' -f1 || echo "?")
  # SIPp's own view (whole milliseconds, includes SIPp's scheduling)
  local rtt; rtt=$(ls "$work"/*_rtt.csv 2>/dev/null | head -1 || true)
  if [ -n "$rtt" ]; then
    R[$key.sipp_p99_ms]=$(awk -F';' 'NR > 1 && $3 == 1 { print $2 }' "$rtt" | sort -n \
      | awk '{ v[NR] = $1 } END { if (!NR) { print "?"; exit } i = int(0.99 * NR + 0.999999); print v[i] }')
  fi
  if [ -n "$pf" ] && [ -s "$pf" ]; then
    R[$key.profile]=$(perf report -i "$pf" --stdio --no-children --sort sym 2>/dev/null \
      | grep -E '^ +[0-9.]+%' | head -25 | cut -c1-170 || true)   # head closes the pipe early (SIGPIPE)
  fi
}

callee_register() { # target
  sipp "${addr[$1]}" -sf $S/register_callee.xml -m 1 -key domain "$DOMAIN" -key user callee -key password "$CALLEE_PASSWORD" \
    -key contact_port $UAS_PORT -i 127.0.0.1 -p $CALLEE_REG_PORT -nostdin -nd -recv_timeout 2000 -timeout 10s -timeout_error \
    >"$work/callee-$1.out" 2>&1 || { tail -30 "$work/callee-$1.out" >&2; echo "run.sh: the callee could not register with $1" >&2; exit 1; }
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
t_start=$SECONDS
want() { [[ " $SCENARIOS " == *" $1 "* ]]; }

# Phase 1: no authentication (REGISTER, calls); phase 2: digest. Within a phase the targets run back to back.
for auth in 0 1; do
  if [ $auth = 0 ] && ! want reg-noauth && ! want calls; then continue; fi
  if [ $auth = 1 ] && ! want reg-auth; then continue; fi
  for name in "${targets[@]}"; do
    start_target "$name" $auth
    R[$name.load.$auth]=$(cut -d' ' -f1-3 /proc/loadavg)
    if [ $auth = 0 ]; then
      if want reg-noauth; then
        search "$name" reg-noauth "$REG_START_RATE" "$REG_MAX_RATE"
        latency "$name" reg-noauth
      fi
      if want calls; then
        callee_register "$name"
        spawn "$work/uas-$name.out" sipp -sf $S/uas_answer.xml -i 127.0.0.1 -p $UAS_PORT -nostdin -buff_size $BUFF \
                -trace_stat -stf "$work/uas-$name.csv" -fd 1 -max_recv_loops 10000 -max_sched_loops 10000
        uas=$SPAWNED; UAS_SID=$uas
        sleep 0.5
        search "$name" calls "$CALL_START_RATE" "$CALL_MAX_RATE"
        stop_session "$uas"; forget "$uas"
        R[$name.calls.uas_failed]=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") c = i } END { print (c ? $c : "?") }' "$work/uas-$name.csv" 2>/dev/null || echo "?")
      fi
    else
      search "$name" reg-auth "$REG_START_RATE" "$REG_MAX_RATE"
      latency "$name" reg-auth
    fi
    stop_target "$name"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$((SECONDS - t_start))

# ---------- report ----------
get() { echo "${R[$1]:-n/a}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }
has_ours=$([ ${#targets[@]} -gt 1 ] && echo 1 || echo 0)
latcell() { # target kind
  if [ "$1" = ours ] && [ "$has_ours" = 0 ]; then echo "pending SIP edge"; return; fi
  echo "$(get "$1.$2.p99") µs at $(get "$1.$2.lat_rate")/s"; }
cpucell() { # target kind
  if [ "$1" = ours ] && [ "$has_ours" = 0 ]; then echo "pending SIP edge"; return; fi
  echo "$(get "$1.$2.cpu_us") µs"; }
maxcell() { local v; v=$(get "$1.max"); [ "$(get "$1.capped")" = yes ] && v="≥ $v (search cap)"; echo "$v"; }
ours_max() { if [ "$has_ours" = 1 ]; then maxcell "ours.$1"; else echo "pending SIP edge"; fi; }
kam_ver=$( (kamailio -v 2>/dev/null || true) | sed -n '1s/^version: //p' | sed 's/ *$//')
kam_pkg=$(dpkg-query -W -f='${Version}' kamailio 2>/dev/null || echo unknown)
sipp_ver=$( (sipp -v 2>/dev/null || true) | grep -o 'SIPp v[^ ]*' | head -1 | sed 's/\.$//')
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
ours_desc="\`OURS_START=${OURS_START:-} OURS_SIP=${OURS_SIP:-} OURS_READY=${OURS_READY:-} OURS_PROVISION=${OURS_PROVISION:-}\`"

{
cat <<MD
# SIP figures (bench/sip/run.sh)

Measured $started_at on $(nproc) cores ($cpu_model, $mem), loopback UDP, one target at a time, in one run of
$((elapsed / 60)) min $((elapsed % 60)) s. Kamailio: $kam_ver, Debian package $kam_pkg, \`bench/sip/kamailio.cfg\`,
$KAM_CHILDREN UDP workers (\`-n $KAM_CHILDREN\`), memory manager \`-x $KAM_MEM\`, 256 MB shared memory,
everything in memory (usrloc db_mode 0, HA1 in htable). SIPp: $sipp_ver. $OURS_NAME: $([ "$has_ours" = 1 ] && echo "$ours_desc" || echo "**pending SIP edge** (OURS_START not set; see bench/sip/README.md)").
Load average (1/5/15 min) before: $load_before, after: $load_after.
MD
if [ -n "$NOTE" ]; then printf '\n%s\n' "$NOTE"; fi
cat <<MD

| Figure | Kamailio | $OURS_NAME | Ratio $OURS_NAME/Kamailio | Target |
|---|---|---|---|---|
| REGISTER/s, no authentication | $(maxcell kamailio.reg-noauth) | $(ours_max reg-noauth) | $(ratio "$(get ours.reg-noauth.max)" "$(get kamailio.reg-noauth.max)") | ≥ 0.5, goal > 1.0 |
| REGISTER/s, digest (401 + REGISTER with credentials = 1) | $(maxcell kamailio.reg-auth) | $(ours_max reg-auth) | $(ratio "$(get ours.reg-auth.max)" "$(get kamailio.reg-auth.max)") | ≥ 0.5 |
| calls/s (INVITE 180 200 ACK, ${HOLD_MS} ms, BYE 200), 0 failed | $(maxcell kamailio.calls) | $(ours_max calls) | $(ratio "$(get ours.calls.max)" "$(get kamailio.calls.max)") | ≥ 0.5 |
| p99 REGISTER latency at half max, no auth (server socket) | $(latcell kamailio reg-noauth) | $(latcell ours reg-noauth) | $(ratio "$(get ours.reg-noauth.p99)" "$(get kamailio.reg-noauth.p99)") | lower is better |
| p99 REGISTER latency at half max, digest (per transaction) | $(latcell kamailio reg-auth) | $(latcell ours reg-auth) | $(ratio "$(get ours.reg-auth.p99)" "$(get kamailio.reg-auth.p99)") | lower is better |
| server CPU per REGISTER at max, no auth | $(cpucell kamailio reg-noauth) | $(cpucell ours reg-noauth) | $(ratio "$(get ours.reg-noauth.cpu_us)" "$(get kamailio.reg-noauth.cpu_us)") | lower is better |
| server CPU per REGISTER at max, digest | $(cpucell kamailio reg-auth) | $(cpucell ours reg-auth) | $(ratio "$(get ours.reg-auth.cpu_us)" "$(get kamailio.reg-auth.cpu_us)") | lower is better |
| server CPU per call at max | $(cpucell kamailio calls) | $(cpucell ours calls) | $(ratio "$(get ours.calls.cpu_us)" "$(get kamailio.calls.cpu_us)") | lower is better |

How to read it:
- **Max rate** = the highest fixed rate at which a ${STEP_SECONDS}-s SIPp run had no failed call, at most
  ${RETRANS_MAX_PCT} % retransmissions and an achieved rate ≥ 90 % of the offered one (a failing step is tried
  $((RETRIES + 1)) times before the rate counts as failed; doubling from
  ${REG_START_RATE}/s for REGISTER and ${CALL_START_RATE}/s for calls, then bisection to ${PRECISION} relative width).
  SIPp, the answering SIPp (calls) and the server share the $(nproc) cores: near the limit they compete for CPU,
  which is the same for both targets. "SIPp CPU" near 100 % in a step means the client, not the server, was
  the limit.
- **Latency** = time from a request's first copy to the server's final response, both seen on the loopback
  interface by tcpdump (\`siplat.py\`), over ${LAT_SECONDS} s at half the max rate. For digest, each transaction
  (REGISTER → 401, REGISTER with credentials → 200) is one sample; the table shows the 200s.
- **UDP drops** = the kernel's UDP RcvbufErrors during the step (datagrams lost to a full socket buffer, at the
  server or at SIPp): a failing step with drops lost packets, one without was answered late.
- **CPU per request** = user + system CPU of all the target's processes during the max-rate step / successful
  calls (a digest "call" is two transactions).

MD
for name in "${targets[@]}"; do
  title=$([ "$name" = ours ] && echo "$OURS_NAME" || echo Kamailio)
  echo "## $title: rate search steps"
  echo
  for kind in reg-noauth calls reg-auth; do
    [ -n "${STEPS[$name.$kind]:-}" ] || continue
    echo "**$kind**$([ "$kind" = calls ] && echo " (calls the answering SIPp counted as failed over all steps, failing steps included: $(get "$name.calls.uas_failed"))")"
    echo
    echo "| offered /s | completed | failed | retransmissions | UDP drops | achieved /s | server CPU | CPU µs/call | SIPp CPU | verdict |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    printf '%s' "${STEPS[$name.$kind]}"
    echo
  done
  for kind in reg-noauth reg-auth; do
    [ -n "${R[$name.$kind.lat_raw]:-}" ] || continue
    echo "**$kind latency at $(get "$name.$kind.lat_rate")/s** (µs at the server socket; SIPp's own p99: $(get "$name.$kind.sipp_p99_ms") ms; tcpdump drops: $(get "$name.$kind.lat_drops")). The run:"
    echo
    echo "| offered /s | completed | failed | retransmissions | UDP drops | achieved /s | server CPU | CPU µs/call | SIPp CPU | verdict |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    echo "$(get "$name.$kind.lat_step")"
    echo
    echo '```'
    echo "${R[$name.$kind.lat_raw]}"
    echo '```'
    echo
    if [ -n "${R[$name.$kind.profile]:-}" ]; then
      echo "Profile (perf, ${PROFILE_SECONDS} s in a separate run at the latency rate, top symbols by self time):"
      echo
      echo '```'
      echo "${R[$name.$kind.profile]}"
      echo '```'
      echo
    fi
  done
done
cat <<MD
## Commands

\`\`\`
$(for v in USERS DOMAIN KAM_PORT KAM_CHILDREN KAM_MEM RETRIES BUFF STEP_SECONDS LAT_SECONDS PRECISION RETRANS_MAX_PCT REG_START_RATE REG_MAX_RATE CALL_START_RATE CALL_MAX_RATE HOLD_MS PROFILE; do printf '%s=%s ' "$v" "${!v}"; done)\\
  OURS_START='${OURS_START:-}' OURS_SIP=${OURS_SIP:-} OURS_READY='${OURS_READY:-}' OURS_PROVISION='${OURS_PROVISION:-}' \\
  bench/sip/run.sh
# Kamailio (by bench/sip/kamailio-start.sh):
kamailio -f bench/sip/kamailio.cfg -DD -E -l udp:127.0.0.1:PORT -n $KAM_CHILDREN -m 256 -M 16 -Y DIR -x $KAM_MEM [-A WITH_AUTH -A 'HTABLE_DB="text://DIR/db"']
# each step (register_noauth.xml / register_auth.xml with -inf users.csv; uac_call.xml with -key callee callee -d $HOLD_MS):
sipp HOST:PORT -sf SCENARIO -key domain $DOMAIN -i 127.0.0.1 -p $UAC_PORT -r RATE -m RATE*SECONDS -l RATE*3+100 -nostdin -nd \\
     -max_retrans 3 -recv_timeout 4000 -buff_size $BUFF -timeout SECONDS*3+20s -trace_stat -stf step.csv -fd 1 -max_recv_loops 10000 -max_sched_loops 10000
# callee of the call benchmark, and the answering UAS:
sipp HOST:PORT -sf bench/sip/register_callee.xml -m 1 -key domain $DOMAIN -key user callee -key password PW -key contact_port $UAS_PORT -p $CALLEE_REG_PORT
sipp -sf bench/sip/uas_answer.xml -i 127.0.0.1 -p $UAS_PORT -nostdin -buff_size $BUFF
# latency run: the step command at half the max rate for $LAT_SECONDS s with -trace_rtt, and
tcpdump -i lo -n -s 600 -B 32768 -w lat.pcap "udp and port PORT and port $UAC_PORT"; python3 bench/sip/siplat.py lat.pcap PORT --method REGISTER
\`\`\`
MD
} >"$OUT"
log "wrote $OUT"
cat "$OUT"
