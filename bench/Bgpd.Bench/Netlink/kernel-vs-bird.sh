#!/bin/bash
# Whole-daemon kernel benchmark: Debian's BIRD 1.6 and bgpd, same configs, same run, each daemon in a
# fresh network namespace that this script creates and always removes.
#
#   start-up         empty kernel table: exec -> `show status` says the daemon is up
#   learn at start   N Felix-style routes (10.x.y.z/32 dev tap1 proto boot scope link metric 1024) are in
#                    the kernel before the daemon starts: exec -> `show route count` reports all N
#   learn removal    `ip -batch` deletes the N routes while the daemon runs -> count reports 0
#   learn events     `ip -batch` adds the N routes while the daemon runs -> count reports all N
#                    (a daemon whose event socket overflows only catches up at its next scan)
#   install          config with a static protocol of N routes, exported by `protocol kernel`:
#                    exec -> `ip route show proto bird` has all N
#   withdraw         `birdc disable static1` -> no proto bird route left
#   scan cpu         CPU seconds (user+sys from /proc/PID/stat) per `scan time` reconcile, steady state,
#                    averaged over SCANS scans, with N learned routes and with N own routes
#   rss              VmRSS with N learned routes / with N installed routes
#
# Usage (root): bench/Bgpd.Bench/Netlink/kernel-vs-bird.sh [N]      (default 100000)
# Environment: BGPD_BIN (default src/Bgpd/bin/Release/net10.0/bgpd), BIRD_BIN (default /usr/sbin/bird),
#   SCAN_TIME (kernel `scan time`, default 5), SCANS (scans per CPU window, default 4),
#   TIMEOUT (seconds any one wait may take, default 180), DAEMONS (default "bird bgpd"),
#   RUNS (default 1; with more, both daemons are measured in turn RUNS times and each cell is the median).
# Hold the machine-wide lock: flock /tmp/bgpd-net.lock bench/Bgpd.Bench/Netlink/kernel-vs-bird.sh
# Every wait is bounded; the namespace, daemons and files are removed on exit, failure or interruption
# (a TERM sent to the script alone takes effect after the current step, at most SCAN_TIME*SCANS s).
set -uo pipefail
N=${1:-100000}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BGPD=${BGPD_BIN:-$ROOT/src/Bgpd/bin/Release/net10.0/bgpd}
BIRD=${BIRD_BIN:-/usr/sbin/bird}
SCAN_TIME=${SCAN_TIME:-5}
SCANS=${SCANS:-4}
TIMEOUT=${TIMEOUT:-180}
RUNS=${RUNS:-1}
[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces)" >&2; exit 1; }
[ -x "$BGPD" ] || { echo "build bgpd first: dotnet build -c Release src/Bgpd (or set BGPD_BIN)" >&2; exit 1; }
[ -x "$BIRD" ] || { echo "BIRD 1.6 not found at $BIRD (scripts/install-deps.sh installs it)" >&2; exit 1; }
command -v birdc >/dev/null || { echo "birdc not found" >&2; exit 1; }

WORK=$(mktemp -d /tmp/kbench.XXXX)
NS=kbench-$$
PID=
cleanup() {
  [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null
  ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null
  ip netns del "$NS" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
TICKS=$(getconf CLK_TCK)

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l; }
log() { echo "  $*" >&2; }

# The N routes, one line each, in the forms ip -batch and the static protocol want.
awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) printf "10.%d.%d.%d/32\n", 64 + int(i / 65536), int(i / 256) % 256, i % 256 }' >"$WORK/prefixes"
sed 's|.*|route add & dev tap1 proto boot scope link metric 1024|' "$WORK/prefixes" >"$WORK/add.batch"
sed 's|.*|route del & dev tap1 proto boot scope link metric 1024|' "$WORK/prefixes" >"$WORK/del.batch"
cat >"$WORK/learn.conf" <<CONF
log stderr all;
router id 10.99.0.1;
protocol device { scan time 600; }
protocol kernel { learn; scan time $SCAN_TIME; import all; export none; }
CONF
{ echo "log stderr all;"
  echo "router id 10.99.0.1;"
  echo "protocol device { scan time 600; }"
  echo "protocol kernel { scan time $SCAN_TIME; import none; export all; }"
  echo "protocol static {"
  sed 's|.*|  route & via 10.99.0.2;|' "$WORK/prefixes"
  echo "}"; } >"$WORK/install.conf"

setup_ns() {
  ip netns del "$NS" 2>/dev/null
  ip netns add "$NS" || return 1
  ip -n "$NS" link set lo up
  ip -n "$NS" link add tap1 type veth peer name tap1p
  ip -n "$NS" link set tap1 up
  ip -n "$NS" link set tap1p up
  ip -n "$NS" addr add 10.99.0.1/24 dev tap1
}

alive() { kill -0 "$PID" 2>/dev/null; }

# start NAME BINARY CONFIG: runs the daemon in the namespace (ip netns exec execs it: $PID is the daemon).
start() {
  CTL="$WORK/$1.ctl"
  LOG="$WORK/$1.log"
  ip netns exec "$NS" "$2" -f -c "$3" -s "$CTL" >>"$LOG" 2>&1 &
  PID=$!
}

stop() {
  [ -n "$PID" ] || return 0
  kill -TERM "$PID" 2>/dev/null
  for _ in $(seq 1 200); do alive || break; sleep 0.05; done
  kill -9 "$PID" 2>/dev/null
  wait "$PID" 2>/dev/null
  PID=
}

up() { birdc -s "$CTL" show status 2>/dev/null | grep -c "Daemon is up"; }
learned() { birdc -s "$CTL" show route count 2>/dev/null | awk '/ of .* routes for / { print $1; found = 1 } END { if (!found) print -1 }'; }
installed() { ip -n "$NS" route show proto bird 2>/dev/null | wc -l; }

# wait_for DESCRIPTION FUNCTION TARGET: polls (bounded by TIMEOUT) until FUNCTION prints TARGET.
# Fails when the daemon died or time ran out, saying which and what it last saw.
wait_for() {
  local deadline value
  deadline=$(echo "$(now) + $TIMEOUT" | bc)
  while :; do
    value=$($2)
    [ "$value" = "$3" ] && return 0
    if ! alive; then log "$1: daemon died (last count $value); log tail:"; tail -5 "$LOG" | sed 's/^/    /' >&2; return 1; fi
    if [ "$(echo "$(now) > $deadline" | bc)" = 1 ]; then log "$1: timed out after ${TIMEOUT}s at $value of $3"; return 1; fi
    sleep 0.05
  done
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
rss_mib() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$PID/status"; }

# scan_cpu: CPU seconds per periodic scan in steady state (a window of SCANS scan periods).
scan_cpu() {
  local c0 c1
  c0=$(cpu_ticks) || return 1
  sleep $((SCAN_TIME * SCANS))   # a measurement window, not a wait for something
  alive || return 1
  c1=$(cpu_ticks)
  echo "($c1 - $c0) / $TICKS / $SCANS" | bc -l
}

overruns() { grep -ciE "dropped some netlink|overrun" "$LOG"; }

declare -A R V RAN
measure() { # NAME BINARY -> fills R[NAME,metric]
  local name=$1 bin=$2 t0
  RAN[$name]=1
  : >"$WORK/$name.log"
  log "$name: start-up"
  setup_ns || return 1
  t0=$(now); start "$name" "$bin" "$WORK/learn.conf"
  wait_for "$name start-up" up 1 && R[$name,startup]=$(since "$t0")
  stop
  log "$name: learn"
  setup_ns || return 1
  ip -n "$NS" -batch "$WORK/add.batch" || return 1
  t0=$(now); start "$name" "$bin" "$WORK/learn.conf"
  if wait_for "$name learn at start" learned "$N"; then
    R[$name,learn_start]=$(since "$t0")
    t0=$(now); ip -n "$NS" -batch "$WORK/del.batch"
    wait_for "$name learn removal" learned 0 && R[$name,learn_remove]=$(since "$t0")
    local before; before=$(overruns)
    t0=$(now); ip -n "$NS" -batch "$WORK/add.batch"
    if wait_for "$name learn events" learned "$N"; then
      R[$name,learn_events]=$(since "$t0")
      R[$name,learn_overruns]=$(($(overruns) - before))
      sleep 1   # let the burst's last notifications drain before the steady-state window
      R[$name,scan_learned]=$(scan_cpu)
      R[$name,rss_learned]=$(rss_mib)
    fi
  fi
  stop
  log "$name: install"
  setup_ns || return 1
  t0=$(now); start "$name" "$bin" "$WORK/install.conf"
  if wait_for "$name install" installed "$N"; then
    R[$name,install]=$(since "$t0")
    R[$name,scan_own]=$(scan_cpu)
    R[$name,rss_own]=$(rss_mib)
    t0=$(now)
    birdc -s "$CTL" disable static1 >/dev/null
    wait_for "$name withdraw" installed 0 && R[$name,withdraw]=$(since "$t0")
  fi
  stop
  ip netns del "$NS" 2>/dev/null
}

for run in $(seq 1 "$RUNS"); do
  R=()
  for daemon in ${DAEMONS:-bird bgpd}; do   # DAEMONS=bgpd: only bgpd, while iterating (no ratio)
    log "run $run of $RUNS"
    case $daemon in bird) measure bird "$BIRD";; bgpd) measure bgpd "$BGPD";; esac
  done
  for key in "${!R[@]}"; do V[$key]="${V[$key]:-} ${R[$key]}"; done
done
# The median of the runs that produced a value (a cell with no value at all prints "failed").
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

row() { # LABEL KEY UNIT
  local b g ratio="-"
  b=$(median "${V[bird,$2]:-}"); g=$(median "${V[bgpd,$2]:-}")
  [ "$3" != n ] && [ -n "$b" ] && [ -n "$g" ] && [ "$(echo "$b > 0" | bc -l)" = 1 ] && ratio=$(printf "%.2f" "$(echo "$g / $b" | bc -l)")
  printf "| %-34s | %12s | %12s | %9s |\n" "$1" "$(fmt "$b" "$3" bird)" "$(fmt "$g" "$3" bgpd)" "$ratio"
}
fmt() { [ -z "${RAN[$3]:-}" ] && { echo "not run"; return; }; [ -z "$1" ] && { echo "failed"; return; }; case $2 in s) printf "%.2f s" "$1";; ms) printf "%.1f ms" "$(echo "$1 * 1000" | bc -l)";; MiB) printf "%s MiB" "$1";; *) echo "$1";; esac; }

echo
echo "kernel-vs-bird N=$N runs=$RUNS (median) scan_time=${SCAN_TIME}s scans_per_window=$SCANS $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bird: $("$BIRD" --version 2>&1 | head -1)   bgpd: $BGPD"
printf "| %-34s | %12s | %12s | %9s |\n" "measure (N=$N)" "bird 1.6" "bgpd" "bgpd/bird"
printf "|%s|%s|%s|%s|\n" "------------------------------------" "-------------:" "-------------:" "----------:"
row "start-up, empty table" startup s
row "learn at start (exec to all)" learn_start s
row "learn removal (ip -batch del)" learn_remove s
row "learn events (ip -batch add)" learn_events s
row "  event-socket overruns in that" learn_overruns n
row "install (exec to all in kernel)" install s
row "withdraw (disable static1)" withdraw s
row "scan cpu per scan, N learned" scan_learned ms
row "scan cpu per scan, N own" scan_own ms
row "rss, N learned" rss_learned MiB
row "rss, N installed" rss_own MiB
