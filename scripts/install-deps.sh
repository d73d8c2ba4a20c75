#!/usr/bin/env bash
# Installs what bgpd's tests need on a fresh Debian 12 machine (run as root):
# real peers (BIRD 1.6 from `bird`, BIRD 2 unpacked beside it, GoBGP, FRR), iproute2, ping, socat.
set -euo pipefail

need=()
command -v bird >/dev/null 2>&1 || need+=(bird)
command -v gobgpd >/dev/null 2>&1 || need+=(gobgpd)
[ -x /usr/lib/frr/bgpd ] || need+=(frr)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v ping >/dev/null 2>&1 || need+=(iputils-ping)
command -v socat >/dev/null 2>&1 || need+=(socat)
# BIRD 2 is unpacked, not installed, so its shared-library dependency is installed by name.
dpkg -s libssh-gcrypt-4 >/dev/null 2>&1 || need+=(libssh-gcrypt-4)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: need root to install: ${need[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Debian's bird (1.6) and bird2 conflict as packages: unpack bird2 into a folder of our own.
BIRD2_DIR=${BIRD2_DIR:-/opt/bgpd-deps/bird2}
if [ ! -x "$BIRD2_DIR/usr/sbin/bird" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && apt-get download bird2 >/dev/null 2>&1) || { apt-get update -qq && (cd "$tmp" && apt-get download bird2 >/dev/null); }
  mkdir -p "$BIRD2_DIR"
  dpkg -x "$tmp"/bird2_*.deb "$BIRD2_DIR"
fi

# BIRD and FRR must not run as system services while tests start their own instances.
for svc in bird bird6 frr; do
  service "$svc" stop >/dev/null 2>&1 || true
done
echo "install-deps: ok ($(bird --version 2>&1), bird2 in $BIRD2_DIR)"
