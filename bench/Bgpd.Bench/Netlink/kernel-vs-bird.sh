#!/bin/bash
# Whole-daemon kernel benchmark: BIRD 1.6 vs bgpd, same config, each in its own namespace.
#   learn:   time from `ip -batch` adding N proto-boot routes until `show route count` reports all N
#   install: time from daemon start until N exported static routes are in the kernel as proto bird
# Usage (root): bench/Bgpd.Bench/Netlink/kernel-vs-bird.sh [N]   (default 100000; BGPD_BIN overrides bgpd)
# Status: works at small N (e.g. 300: bird 0.01 s / bgpd 0.10 s learn); at N=100000 one run gave learn
# bird 3.14 s vs bgpd 9.69 s (before notification batching), later runs lost a daemon mid-run: not yet reliable.
set -euo pipefail
N=${1:-100000}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BGPD=${BGPD_BIN:-$ROOT/src/Bgpd/bin/Release/net10.0/bgpd}
[ -x "$BGPD" ] || { echo "build bgpd first: dotnet build -c Release src/Bgpd (or set BGPD_BIN)"; exit 1; }
WORK=$(mktemp -d /tmp/kbench.XXXX)
NS=kbench-$$
cleanup() { ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true; ip netns del "$NS" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

now() { date +%s.%N; }
routes() { for i in $(seq 0 $((N - 1))); do echo "$1 10.$((64 + i / 65536)).$(((i / 256) % 256)).$((i % 256))/32 $2"; done; }

setup_ns() {
  ip netns del "$NS" 2>/dev/null || true
  ip netns add "$NS"
  ip -n "$NS" link set lo up
  ip -n "$NS" link add tap1 type veth peer name tap1p
  ip -n "$NS" link set tap1 up; ip -n "$NS" link set tap1p up
  ip -n "$NS" addr add 10.99.0.1/24 dev tap1
}

start() { # daemon config
  local cmd=$1
  CTL="$WORK/ctl-$(basename "$cmd")-$RANDOM"
  ip netns exec "$NS" $cmd -f -c "$2" -s "$CTL" >"$WORK/log" 2>&1 &
  PID=$!
  for _ in $(seq 1 2400); do birdc -s "$CTL" show status 2>/dev/null | grep -q "Daemon is up" && return 0; sleep 0.05; done
  echo "daemon did not start: $(cat "$WORK/log")" >&2; exit 1
}
stop() { kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }

learn() { # daemon -> seconds
  setup_ns
  cat >"$WORK/learn.conf" <<CONF
router id 10.99.0.1;
protocol device { scan time 600; }
protocol kernel { learn; scan time 600; import all; export none; }
CONF
  start "$1" "$WORK/learn.conf"
  routes "route add" "dev tap1 proto boot scope link" >"$WORK/batch"
  local t0; t0=$(now)
  ip -n "$NS" -batch "$WORK/batch"
  for _ in $(seq 1 3000); do birdc -s "$CTL" show route count 2>/dev/null | grep -q "^$N of" && break; sleep 0.02; done
  birdc -s "$CTL" show route count | grep -q "^$N of" || { echo "learn failed: $(cat "$WORK/log")" >&2; exit 1; }
  local t1; t1=$(now)
  stop
  echo "$t1 - $t0" | bc -l
}

install() { # daemon -> seconds
  setup_ns
  { echo "router id 10.99.0.1;"
    echo "protocol device { scan time 600; }"
    echo "protocol kernel { scan time 600; export all; }"
    echo "protocol static {"
    routes "  route" "via 10.99.0.2;"
    echo "}"; } >"$WORK/install.conf"
  local t0; t0=$(now)
  start "$1" "$WORK/install.conf"
  until [ "$(ip -n "$NS" route show proto bird | wc -l)" -ge "$N" ]; do sleep 0.05; done
  local t1; t1=$(now)
  stop
  echo "$t1 - $t0" | bc -l
}

printf "%-8s %12s %12s   (N=%d)\n" "" "bird 1.6" "bgpd" "$N"
bl=$(learn /usr/sbin/bird); gl=$(learn "$BGPD")
printf "%-8s %11.2fs %11.2fs   ratio bgpd/bird %.2f\n" learn "$bl" "$gl" "$(echo "$gl / $bl" | bc -l)"
bi=$(install /usr/sbin/bird); gi=$(install "$BGPD")
printf "%-8s %11.2fs %11.2fs   ratio bgpd/bird %.2f\n" install "$bi" "$gi" "$(echo "$gi / $bi" | bc -l)"
