#!/usr/bin/env bash
# Side-by-side TURN figures: our server (bench/Edges.Bench turn-server) and coturn's turnserver, same machine,
# same run, loopback, TURN REST credentials with the same secret, loopback peers allowed on both.
#   1. relayed round trips/s: turnutils_uclient -y -m 100 -n 2000 -l 172 -z 1 (client-to-client over channels)
#   2. new allocations/s:     bench/Edges.Bench turn-alloc-load (401 -> Allocate -> Refresh 0 per fresh socket)
#   3. memory per allocation: server RSS growth while turn-alloc-load --hold keeps N allocations (run first)
# Writes bench/RESULTS.turn.md. Needs the Debian package coturn. Usage: bench/turn/run.sh [clients] [messages]
set -euo pipefail
cd "$(dirname "$0")/../.."
CLIENTS=${1:-100}
MESSAGES=${2:-2000}
ALLOCS=${ALLOCS:-3000}
version=$(dpkg-query -W -f='${Version}' coturn 2>/dev/null || echo unknown)
HOLD=${HOLD:-2000}
SECRET=bench-secret
OURS_PORT=34790
COTURN_PORT=34780
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release bench/Edges.Bench -nologo -v quiet >/dev/null
bench=bench/Edges.Bench/bin/Release/net10.0/Edges.Bench

cat >"$work/turnserver.conf" <<CONF
listening-ip=127.0.0.1
relay-ip=127.0.0.1
listening-port=$COTURN_PORT
min-port=50000
max-port=54999
use-auth-secret
static-auth-secret=$SECRET
realm=uc.local
allow-loopback-peers
no-tls
no-dtls
no-cli
no-stdout-log
log-file=$work/coturn.log
pidfile=$work/coturn.pid
userdb=$work/coturn.db
CONF
turnserver -c "$work/turnserver.conf" >"$work/coturn.out" 2>&1 &
coturn_pid=$!; pids+=("$coturn_pid")
mkfifo "$work/ours.in"
"$bench" turn-server --port $OURS_PORT --secret $SECRET --relay-min 55000 --relay-max 59999 <"$work/ours.in" >"$work/ours.out" 2>&1 &
ours_pid=$!; pids+=("$ours_pid")
exec 7>"$work/ours.in"   # keeps our server's stdin open until the script ends
sleep 3

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# 3. memory per allocation (RSS growth / allocations held), measured first on fresh servers: after the other
#    runs freed memory would be reused and hide the growth
mem_per_alloc() { # port pid -> bytes per allocation
  local before after fifo="$work/hold.$1"
  mkfifo "$fifo"
  before=$(rss_kb "$2")
  "$bench" turn-alloc-load --port "$1" --secret $SECRET --allocations "$HOLD" --concurrency 16 --hold <"$fifo" >"$work/hold.$1.out" 2>&1 &
  local load=$!
  exec 8>"$fifo"
  for _ in $(seq 1 600); do grep -q holding "$work/hold.$1.out" && break; sleep 0.1; done
  sleep 1
  after=$(rss_kb "$2")
  exec 8>&-
  wait "$load" || true
  awk -v a="$after" -v b="$before" -v n="$HOLD" 'BEGIN{printf "%.0f", (a-b)*1024/n}'
}
ours_mem=$(mem_per_alloc $OURS_PORT $ours_pid)
cot_mem=$(mem_per_alloc $COTURN_PORT $coturn_pid)

# 1. relayed round trips/s
uclient() { # port -> "recv_msgs seconds lost"
  local out; out=$(turnutils_uclient -y -W $SECRET -p "$1" -m "$CLIENTS" -n "$MESSAGES" -l 172 -z 1 127.0.0.1 2>&1 | tail -6)
  local recv secs lost
  recv=$(grep -o 'tot_recv_msgs=[0-9]*' <<<"$out" | tail -1 | cut -d= -f2)
  secs=$(grep -o 'Total transmit time is [0-9]*' <<<"$out" | tail -1 | awk '{print $5}')
  lost=$(grep -o 'Total lost packets [0-9]* ([0-9.]*%)' <<<"$out" | tail -1 | awk '{print $4" "$5}')
  echo "$recv $secs $lost"
}
read -r ours_recv ours_secs ours_lost ours_lostp < <(uclient $OURS_PORT)
read -r cot_recv cot_secs cot_lost cot_lostp < <(uclient $COTURN_PORT)
ours_rt=$(awk -v r="$ours_recv" -v s="$ours_secs" 'BEGIN{printf "%.0f", r/s}')
cot_rt=$(awk -v r="$cot_recv" -v s="$cot_secs" 'BEGIN{printf "%.0f", r/s}')

# 2. new allocations/s
alloc_rate() { # port -> "allocations/s failed"
  local out; out=$("$bench" turn-alloc-load --port "$1" --secret $SECRET --allocations "$ALLOCS" --concurrency 16 || true)
  echo "$(grep -o 'allocations_per_s=[0-9]*' <<<"$out" | cut -d= -f2) $(grep -o 'failed=[0-9]*' <<<"$out" | cut -d= -f2)"
}
read -r ours_ar ours_af < <(alloc_rate $OURS_PORT)
read -r cot_ar cot_af < <(alloc_rate $COTURN_PORT)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "n/a" }'; }
cores=$(nproc)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
cat >bench/RESULTS.turn.md <<MD
# TURN figures (bench/turn/run.sh)

Measured $(date -u +%Y-%m-%d) on $cores cores ($cpu), loopback, both servers started by the script in the same run
with TURN REST credentials (same secret) and loopback peers allowed. coturn $version
with its default relay threads; ours: \`bench/Edges.Bench turn-server\` (one UDP receive loop, Release build).

| Figure | Ours | coturn | Ratio ours/coturn |
|---|---|---|---|
| Relayed messages/s, \`turnutils_uclient -y -m $CLIENTS -n $MESSAGES -l 172 -z 1\` | $ours_rt ($ours_recv msgs in ${ours_secs} s, lost $ours_lost $ours_lostp) | $cot_rt ($cot_recv msgs in ${cot_secs} s, lost $cot_lost $cot_lostp) | $(ratio "$ours_rt" "$cot_rt") |
| New allocations/s, \`turn-alloc-load --allocations $ALLOCS --concurrency 16\` | $ours_ar ($ours_af failed) | $cot_ar ($cot_af failed) | $(ratio "$ours_ar" "$cot_ar") |
| Memory per allocation (RSS growth / $HOLD held allocations) | $ours_mem B | $cot_mem B | $(ratio "$ours_mem" "$cot_mem") |

Memory: lower is better (a ratio below 1 means ours uses less). Failed allocations are attempts without an answer
after three tries (UDP loss under load, or a fresh socket reusing the port of a 5-tuple whose deletion is still in
flight, which gets 437). Relayed messages/s = messages received by all uclient sessions / uclient's "Total transmit time" (whole seconds,
so short runs are coarse). Each message crosses the server twice (client A → relay A → relay B → client B).
New allocations/s counts complete Allocate transactions (unauthenticated request, 401, signed request) followed by
a Refresh with LIFETIME 0, each on a fresh UDP socket. Commands:

\`\`\`
bench/turn/run.sh $CLIENTS $MESSAGES        # ALLOCS=$ALLOCS HOLD=$HOLD
turnutils_uclient -y -W $SECRET -p PORT -m $CLIENTS -n $MESSAGES -l 172 -z 1 127.0.0.1
dotnet run -c Release --project bench/Edges.Bench -- turn-alloc-load --port PORT --secret $SECRET --allocations $ALLOCS --concurrency 16 [--hold]
dotnet run -c Release --project bench/Edges.Bench -- turn-server --port PORT --secret $SECRET --relay-min 55000 --relay-max 59999
\`\`\`
MD
cat bench/RESULTS.turn.md
