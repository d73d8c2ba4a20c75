#!/usr/bin/env bash
# Route-reflection throughput, side by side in one run (needs root; see docs/lab.md "Throughput").
#
#   bench/throughput/run.sh                          # 1,000,000 routes; bird2, bird (1.6), bgpd
#   bench/throughput/run.sh --routes 200000 --daemons bgpd,bird2
#
# Two namespaces joined by a veth pair: the daemon under test (route reflector, 10.99.0.1) in one; an
# injector (10.99.0.2) and a monitor (10.99.0.3), both its rr clients, in the other. Once both sessions
# are up the injector sends all routes as packed UPDATEs; the time runs until the monitor has counted
# every route reflected. Peak RSS is the daemon's VmHWM. Everything made is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(id -u)" -ne 0 ]; then
  echo "run.sh: needs root (network namespaces)" >&2
  exit 2
fi

routes=1000000
daemons=bird2,bird,bgpd
while [ $# -gt 0 ]; do
  case "$1" in
    --routes) routes=$2; shift 2 ;;
    --daemons) daemons=$2; shift 2 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

BIRD2=/opt/bgpd-deps/bird2/usr/sbin/bird
work=$(mktemp -d /tmp/bgpd-throughput.XXXXXX)
ns_rr=bgpd-tp-rr
ns_peers=bgpd-tp-peers
daemon_pid=

cleanup() {
  if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
  ip netns del "$ns_rr" 2>/dev/null || true
  ip netns del "$ns_peers" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# bgpd as a user runs it: the Release publish (JIT; tiered compilation off, see src/Bgpd/Bgpd.csproj).
dotnet build bench/throughput/Injector -c Release -nologo -v quiet >/dev/null
injector=bench/throughput/Injector/bin/Release/net10.0/bgpd-throughput
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

make_namespaces() {
  cleanup_ns
  ip netns add "$ns_rr"
  ip netns add "$ns_peers"
  ip link add tp-rr netns "$ns_rr" type veth peer name tp-peers netns "$ns_peers"
  ip -n "$ns_rr" addr add 10.99.0.1/24 dev tp-rr
  ip -n "$ns_peers" addr add 10.99.0.2/24 dev tp-peers
  ip -n "$ns_peers" addr add 10.99.0.3/24 dev tp-peers
  for ns in "$ns_rr" "$ns_peers"; do ip -n "$ns" link set lo up; done
  ip -n "$ns_rr" link set tp-rr up
  ip -n "$ns_peers" link set tp-peers up
}
cleanup_ns() {
  ip netns del "$ns_rr" 2>/dev/null || true
  ip netns del "$ns_peers" 2>/dev/null || true
}

# The route reflector: BIRD 1.6 syntax (bird and bgpd) or BIRD 2 syntax.
write_config() {
  local dialect=$1 file=$2
  if [ "$dialect" = 2 ]; then
    cat >"$file" <<CONF
router id 10.99.0.1;
log stderr all;
protocol device { }
protocol direct { ipv4; interface "tp-rr"; }
template bgp reflected { local 10.99.0.1 as 65000; rr client; ipv4 { import all; export all; }; }
protocol bgp injector from reflected { neighbor 10.99.0.2 as 65000; }
protocol bgp monitor from reflected { neighbor 10.99.0.3 as 65000; }
CONF
  else
    cat >"$file" <<CONF
router id 10.99.0.1;
log stderr all;
protocol device { }
protocol direct { interface "tp-rr"; }
template bgp reflected { local 10.99.0.1 as 65000; rr client; import all; export all; }
protocol bgp injector from reflected { neighbor 10.99.0.2 as 65000; }
protocol bgp monitor from reflected { neighbor 10.99.0.3 as 65000; }
CONF
  fi
}

declare -A seconds rss
status=0
for daemon in ${daemons//,/ }; do
  make_namespaces
  conf=$work/$daemon.conf
  case "$daemon" in
    bird2) write_config 2 "$conf"; cmd=("$BIRD2" -f -c "$conf" -s "$work/$daemon.ctl") ;;
    bird)  write_config 1 "$conf"; cmd=(bird -f -c "$conf" -s "$work/$daemon.ctl") ;;
    bgpd)  write_config 1 "$conf"; cmd=("$bgpd_bin" -f -c "$conf" -s "$work/$daemon.ctl") ;;
    *) echo "run.sh: --daemons: unknown daemon $daemon" >&2; exit 2 ;;
  esac
  ip netns exec "$ns_rr" "${cmd[@]}" >"$work/$daemon.log" 2>&1 &
  daemon_pid=$!
  if out=$(ip netns exec "$ns_peers" "$injector" --daemon 10.99.0.1 --injector 10.99.0.2 --monitor 10.99.0.3 --as 65000 --routes "$routes" --timeout 300 2>&1); then
    ms=$(sed -n 's/.*elapsed_ms=\([0-9.]*\).*/\1/p' <<<"$out")
    seconds[$daemon]=$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')
    rss[$daemon]=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$daemon_pid/status")
    printf '%-6s %8s s  peak RSS %7s MiB  (%s)\n' "$daemon" "${seconds[$daemon]}" "${rss[$daemon]}" "$out"
  else
    echo "$daemon FAILED: $out" "$(tail -3 "$work/$daemon.log")"
    status=1
  fi
  kill "$daemon_pid" 2>/dev/null || true
  wait "$daemon_pid" 2>/dev/null || true
  daemon_pid=
done

if [ -n "${seconds[bgpd]:-}" ]; then
  for other in bird2 bird; do
    if [ -n "${seconds[$other]:-}" ]; then
      awk -v a="${seconds[bgpd]}" -v b="${seconds[$other]}" -v ra="${rss[bgpd]}" -v rb="${rss[$other]}" -v o="$other" \
        'BEGIN { printf "ratio bgpd/%s: time %.2fx, peak RSS %.2fx\n", o, a / b, ra / rb }'
    fi
  done
fi
exit $status
