#!/usr/bin/env python3
"""Where a route's convergence time goes, from a traced pair bench (see docs/lab.md).

    mkdir /tmp/hops
    BGPD_LAB_BENCH_TRACE=/tmp/hops BGPD_LATENCY_TRACE=/tmp/hops/bgpd-trace bench/convergence/run.sh
    bench/convergence/hops.py /tmp/hops

For either daemon, from the tcpdump taken in the route reflector's namespace: the time between
a route's UPDATE arriving there and the reflected UPDATE leaving (the reflector's whole hop).
For bgpd, from its BGPD_LATENCY_TRACE marks (CLOCK_MONOTONIC, shared by every process and the
bench): each step from Felix's send on compute1 to the route in compute2's kernel.
"""
import ipaddress
import struct
import sys
from pathlib import Path


def packets(path):
    data = Path(path).read_bytes()
    magic, = struct.unpack_from("<I", data, 0)
    scale = 1 if magic == 0xA1B23C4D else 1000  # nanosecond or microsecond capture
    linktype, = struct.unpack_from("<I", data, 20)
    offset = 24
    while offset + 16 <= len(data):
        seconds, fraction, captured, _ = struct.unpack_from("<IIII", data, offset)
        frame = data[offset + 16: offset + 16 + captured]
        offset += 16 + captured
        if linktype == 276:      # LINUX_SLL2
            ip = frame[20:]
        elif linktype == 113:    # LINUX_SLL
            ip = frame[16:]
        else:                    # Ethernet
            ip = frame[14:]
        yield seconds * 1_000_000_000 + fraction * scale, ip


def bgp_messages(path):
    """(time ns, source, destination, message bytes) of every whole BGP message, in stream order."""
    streams = {}
    for time, ip in packets(path):
        if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 6:
            continue
        header = (ip[0] & 15) * 4
        total, = struct.unpack_from(">H", ip, 2)
        tcp = ip[header:total]
        source, destination = str(ipaddress.IPv4Address(ip[12:16])), str(ipaddress.IPv4Address(ip[16:20]))
        payload = tcp[(tcp[12] >> 4) * 4:]
        if not payload:
            continue
        key = (source, destination)
        buffer = streams.get(key, b"") + payload
        while len(buffer) >= 19:
            length, = struct.unpack_from(">H", buffer, 16)
            if len(buffer) < length:
                break
            yield time, source, destination, buffer[:length]
            buffer = buffer[length:]
        streams[key] = buffer


def prefixes(data):
    out = []
    offset = 0
    while offset < len(data):
        bits = data[offset]
        size = (bits + 7) // 8
        raw = data[offset + 1: offset + 1 + size] + bytes(4 - size)
        out.append(f"{ipaddress.IPv4Address(raw)}/{bits}")
        offset += 1 + size
    return out


def updates(path):
    """(time, source, destination, 'add'|'remove', prefix) for every IPv4 prefix in every UPDATE."""
    for time, source, destination, message in bgp_messages(path):
        if message[18] != 2:
            continue
        withdrawn_length, = struct.unpack_from(">H", message, 19)
        for p in prefixes(message[21: 21 + withdrawn_length]):
            yield time, source, destination, "remove", p
        attributes_at = 21 + withdrawn_length
        attributes_length, = struct.unpack_from(">H", message, attributes_at)
        for p in prefixes(message[attributes_at + 2 + attributes_length:]):
            yield time, source, destination, "add", p


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def report(directory, daemon, reflector):
    first_seen = {}
    for time, source, destination, kind, prefix in updates(Path(directory) / f"{daemon}.pcap"):
        hop = "in" if destination == reflector else "out"
        first_seen.setdefault((kind, prefix, hop), time)
    rows = {"add": [], "remove": []}
    for line in (Path(directory) / f"{daemon}.routes").read_text().splitlines():
        kind, address, sent, arrived = line.split()[:4]
        inbound = first_seen.get((kind, address + "/32", "in"))
        outbound = first_seen.get((kind, address + "/32", "out"))
        if inbound is None or outbound is None:
            continue
        rows[kind].append((outbound - inbound, int(arrived) - int(sent)))
    # Only differences of capture times are used: tcpdump's timestamps did not line up with the
    # bench's clock reads to better than ~0.5-2 ms here, too coarse for the compute hops.
    names = ["reflector (UPDATE in -> out, pcap)", "end to end (bench)"]
    for kind, hops in rows.items():
        hops = hops[3:]  # the bench's warm-up routes
        if not hops:
            print(f"{daemon:6} {kind:7} no routes matched")
            continue
        for i, name in enumerate(names):
            values = [h[i] / 1e6 for h in hops]
            print(f"{daemon:6} {kind:7} {name:24} p50 {percentile(values, 0.5):7.3f}  p90 {percentile(values, 0.9):7.3f}"
                  f"  p99 {percentile(values, 0.99):7.3f}  max {max(values):7.3f} ms  n {len(values)}")


PATH = [("compute1", "KernelEventRead"), ("compute1", "KernelLearned"), ("compute1", "BgpExport"), ("compute1", "BgpSent"),
        ("controller", "BgpRead"), ("controller", "BgpImport"), ("controller", "BgpExport"), ("controller", "BgpSent"),
        ("compute2", "BgpRead"), ("compute2", "BgpImport"), ("compute2", "KernelExport"), ("compute2", "KernelFlush"),
        ("bench", "arrived"), ("compute2", "KernelAcked")]


def load_marks(directory):
    """{node: {(point, prefix): [monotonic ns...]}} from bgpd's BGPD_LATENCY_TRACE files, nodes told apart by what they saw."""
    nodes = {}
    for path in Path(directory).glob("bgpd-trace.*"):
        marks = {}
        for line in path.read_text().splitlines():
            if line.startswith("#"):
                print(f"{path.name}: {line[2:]}")
                continue
            time, point, prefix = line.split()
            marks.setdefault((point, prefix), []).append(int(time))
        points = {point for point, prefix in marks if prefix.startswith("10.80.")}
        node = ("compute1" if "KernelLearned" in points else
                "compute2" if "KernelExport" in points else "controller")
        nodes[node] = marks
    return nodes


def trace_report(directory, reflector):
    """bgpd's own marks between the pcap's: each step of a route's way, p50/p90 per phase."""
    nodes = load_marks(directory)
    if not nodes:
        return
    seen = {}
    for time, source, destination, kind, prefix in updates(Path(directory) / "bgpd.pcap"):
        seen.setdefault((kind, prefix, "in" if destination == reflector else "out"), time)
    for kind in ("add", "remove"):
        steps = {}
        for line in (Path(directory) / "bgpd.routes").read_text().splitlines()[3:]:
            phase, address, wall_sent, _, sent, arrived = line.split()
            if phase != kind:
                continue
            prefix = address + "/32"
            wall_offset = int(wall_sent) - int(sent)
            times = []
            for node, point in PATH:
                if node == "pcap":
                    t = seen.get((kind, prefix, point))
                    times.append(None if t is None else t - wall_offset)
                elif node == "bench":
                    times.append(int(arrived))
                else:
                    candidates = [t for t in nodes.get(node, {}).get((point, prefix), []) if t >= int(sent)]
                    times.append(min(candidates) if candidates else None)
            previous, previous_name = int(sent), "sent"
            for (node, point), t in zip(PATH, times):
                if t is None:
                    continue
                steps.setdefault(f"{previous_name} -> {node}.{point}", []).append((t - previous) / 1e3)
                previous, previous_name = t, f"{node}.{point}"
        print(f"bgpd {kind}: step (us)                                        p50      p90      max     n")
        for name, values in steps.items():
            print(f"  {name:55} {percentile(values, 0.5):8.1f} {percentile(values, 0.9):8.1f} {max(values):8.1f} {len(values):5}")


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/tmp/hops"
    reflector = sys.argv[2] if len(sys.argv) > 2 else "2.1.1.10"
    for routes in sorted(Path(directory).glob("*.routes")):
        report(directory, routes.stem, reflector)
    trace_report(directory, reflector)


if __name__ == "__main__":
    main()
