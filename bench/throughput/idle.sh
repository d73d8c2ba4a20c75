#!/usr/bin/env bash
# Idle memory of each daemon on one config, side by side (needs root; see bench/throughput/RESULTS.md,
# "Session 4: per-process baseline").
#
#   bench/throughput/idle.sh                                         # conf/bird.conf; bird (1.6), bgpd
#   bench/throughput/idle.sh --config conf/examples/openstack-compute.conf --detail
#
# Each daemon runs alone in a fresh network namespace (loopback and one veth, eth0 10.0.0.11/24, no
# peer reachable). 5 s after its control socket answers: RSS, PSS and anonymous memory from
# /proc/PID/smaps_rollup, threads, and CPU used since start (user+sys); --detail adds the largest
# mappings from /proc/PID/smaps. BGPD_BIN picks the bgpd binary (default: a Release publish).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(id -u)" -ne 0 ]; then
  echo "idle.sh: needs root (network namespaces)" >&2
  exit 2
fi

config=conf/bird.conf
daemons=bird,bgpd
detail=
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config=$2; shift 2 ;;
    --daemons) daemons=$2; shift 2 ;;
    --detail) detail=1; shift ;;
    *) echo "idle.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d /tmp/bgpd-idle.XXXXXX)
ns=bgpd-idle
daemon_pid=
cleanup() {
  if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [[ ",$daemons," == *,bgpd,* ]]; then
  bgpd_bin=${BGPD_BIN:-}
  if [ -z "$bgpd_bin" ]; then
    # The publish users install (self-contained, framework trimmed: src/Bgpd/Bgpd.csproj). Its intermediate
    # directory is made afresh: an incremental trimmed publish can keep a stale bgpd.deps.json that misses an
    # assembly new code needs (seen here: the daemon then fails to start).
    rm -rf src/Bgpd/obj/Release/net10.0/linux-x64
    dotnet publish src/Bgpd -c Release -r linux-x64 -nologo -v quiet -o "$work/bgpd" >/dev/null
    bgpd_bin=$work/bgpd/bgpd
  fi
fi

# The largest mappings by RSS, summed per file (anonymous ones by permissions).
largest_mappings() {
  awk '/^[0-9a-f]+-[0-9a-f]+ / { name = ($6 == "") ? "[anon " $2 "]" : $6; sub(/.*\//, "", name); next }
       /^Rss:/ { rss[name] += $2 }
       END { for (n in rss) printf "%10.1f MiB  %s\n", rss[n] / 1024, n }' "$1" | sort -rn | head -15
}

for daemon in ${daemons//,/ }; do
  ip netns del "$ns" 2>/dev/null || true
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip -n "$ns" link add eth0 type veth peer name eth1
  ip -n "$ns" addr add 10.0.0.11/24 dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set eth1 up
  socket=$work/$daemon.ctl
  case "$daemon" in
    bird) cmd=(bird -f -c "$config" -s "$socket") ;;
    bgpd) cmd=("$bgpd_bin" -f -c "$config" -s "$socket") ;;
    *) echo "idle.sh: --daemons: unknown daemon $daemon" >&2; exit 2 ;;
  esac
  ip netns exec "$ns" "${cmd[@]}" >"$work/$daemon.log" 2>&1 &
  daemon_pid=$!
  for _ in $(seq 300); do
    if [ -S "$socket" ] && birdc -s "$socket" show status >/dev/null 2>&1; then break; fi
    if ! kill -0 "$daemon_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  if ! birdc -s "$socket" show status >/dev/null 2>&1; then
    echo "$daemon FAILED to start: $(tail -3 "$work/$daemon.log")"
    exit 1
  fi
  sleep 5
  awk -v d="$daemon" -v threads="$(ls "/proc/$daemon_pid/task" | wc -l)" \
      -v ticks="$(awk '{ print $14 + $15 }' "/proc/$daemon_pid/stat")" -v hz="$(getconf CLK_TCK)" '
    /^Rss:/ { rss = $2 } /^Pss:/ { pss = $2 } /^Anonymous:/ { anon = $2 }
    END { printf "%-5s idle RSS %6.1f MiB  PSS %6.1f MiB  anon %5.1f MiB  threads %2d  start-up CPU %5d ms\n",
                 d, rss / 1024, pss / 1024, anon / 1024, threads, ticks * 1000 / hz }' "/proc/$daemon_pid/smaps_rollup"
  if [ -n "$detail" ]; then
    cp "/proc/$daemon_pid/smaps" "$work/$daemon.smaps"
    largest_mappings "$work/$daemon.smaps"
  fi
  kill "$daemon_pid" 2>/dev/null || true
  wait "$daemon_pid" 2>/dev/null || true
  daemon_pid=
done
