#!/usr/bin/env bash
# Runs bgpd's whole test suite: unit tests, daemon tests against Debian's birdc, and the
# network-namespace lab tests with real BIRD/GoBGP/FRR peers (those need root).
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ] || [ -n "${CI:-}" ]; then
  scripts/install-deps.sh || exit 1
fi

dotnet build Bgpd.sln -c Release -nologo -v quiet || exit 1

log=$(mktemp)
dotnet test Bgpd.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One closing line for the whole run, summed over the test projects.
awk '/^ *Passed: [0-9]+$/  { p += $2 }
     /^ *Failed: [0-9]+$/  { f += $2 }
     /^ *Skipped: [0-9]+$/ { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
