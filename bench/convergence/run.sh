#!/usr/bin/env bash
# Convergence figures for BIRD 1.6 and bgpd in one run (needs root; see docs/lab.md).
#
#   bench/convergence/run.sh                     # pair mode: 100 VMs, bird then bgpd, with ratio
#   bench/convergence/run.sh --vms 500
#   bench/convergence/run.sh --scale 20x50       # 20 computes x 50 VMs: convergence and RSS
#   bench/convergence/run.sh --scale 20x50 --warm  # the same after one unmeasured round
#   bench/convergence/run.sh --daemons bird      # BIRD only
#
# Builds bgpd and bgpd-lab in Release first; every lab it makes is removed again, also on failure.
# Exit status 1 when any daemon's run failed (its line says why; the others' figures still print).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(id -u)" -ne 0 ]; then
  echo "run.sh: needs root (network namespaces)" >&2
  exit 2
fi

daemons=bird,bgpd
case " $* " in *" --daemons "*) ;; *) set -- --daemons "$daemons" "$@" ;; esac

dotnet build src/Bgpd.LabTool -c Release -nologo -v quiet >/dev/null
if [[ " $* " == *bgpd* ]]; then
  # bgpd may not build while its areas are mid-change; its line then reports "not built".
  dotnet build src/Bgpd -c Release -nologo -v quiet >/dev/null 2>&1 || echo "run.sh: src/Bgpd did not build" >&2
fi

trap 'src/Bgpd.LabTool/bin/Release/net10.0/bgpd-lab down --lab bench >/dev/null 2>&1 || true;
      src/Bgpd.LabTool/bin/Release/net10.0/bgpd-lab down --lab scale >/dev/null 2>&1 || true' EXIT
src/Bgpd.LabTool/bin/Release/net10.0/bgpd-lab bench "$@"
