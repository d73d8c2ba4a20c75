#!/bin/sh
# Regenerates the hex fixtures from this machine's kernel inside a throwaway namespace (needs root).
# Each output line is one received netlink datagram in hex.
set -e
NS=bgpd-capture-$$
cleanup() { ip netns del "$NS" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add tap0 type veth peer name tap0p
ip -n "$NS" link set tap0 mtu 1450 up
ip -n "$NS" link set tap0p up
ip -n "$NS" addr add 10.99.0.1/24 dev tap0
ip -n "$NS" addr add fd00:99::1/64 dev tap0 nodad
ip -n "$NS" route add 10.65.0.2 dev tap0 proto boot scope link metric 1024
ip -n "$NS" route add 10.10.4.0/24 proto bird nexthop via 10.99.0.3 dev tap0 weight 2 nexthop via 10.99.0.2 dev tap0 weight 1
ip -n "$NS" route add 10.20.1.0/24 via 10.99.0.2 dev tap0 proto bird src 10.99.0.1 realm 7
ip -n "$NS" route add 10.30.0.0/16 via 10.50.0.9 dev tap0 onlink proto 42 metric 9 mtu lock 1400 table 1000
ip -n "$NS" route add blackhole 10.10.1.0/24 proto bird
ip -n "$NS" route add unreachable 10.10.3.0/24 proto bird
ip -n "$NS" route add fd00:30::/48 via fd00:99::3 dev tap0 proto bird metric 32
DIR=$(dirname "$0")
ip netns exec "$NS" python3 - "$DIR" <<'PY'
import socket, struct, sys
d = sys.argv[1]
def dump(msgtype, family, hdrlen, name):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    s.bind((0, 0))
    body = bytes([family]) + bytes(hdrlen - 1)
    s.send(struct.pack("=IHHII", 16 + len(body), msgtype, 0x301, 1, 0) + body)
    out = []
    while True:
        data = s.recv(65536)
        out.append(data.hex())
        if struct.unpack_from("=H", data, 4)[0] == 3 or any(True for _ in []):
            break
        # NLMSG_DONE may be the last message inside a datagram
        off, done = 0, False
        while off < len(data):
            ln, ty = struct.unpack_from("=IH", data, off)
            if ty == 3: done = True
            off += (ln + 3) & ~3
        if done: break
    with open(f"{d}/{name}.hex", "w") as f:
        f.write("\n".join(out) + "\n")
dump(18, 0, 16, "links")
dump(22, 0, 8, "addresses")
dump(26, 2, 12, "routes4")
dump(26, 10, 12, "routes6")
PY
