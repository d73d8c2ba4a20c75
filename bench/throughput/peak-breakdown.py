#!/usr/bin/env python3
"""What bgpd's resident memory is made of at its peak, from a BGPD_MEMORY_TRACE directory.

    BGPD_MEMORY_TRACE=/tmp/trace bench/throughput/run.sh --daemons bird2,bgpd
    bench/throughput/peak-breakdown.py /tmp/trace

The daemon's trace (src/Bgpd/Daemon/MemoryTrace.cs) leaves peak.smaps (a copy of /proc/self/smaps within a
MiB of the peak RSS), peak.gc (the GC's view at that moment) and gc.config (the GC's settings). This sorts
the resident pages of peak.smaps by what they hold:

- GC heap: the anonymous pages inside the GC's reserved range (the range ends where the largest anonymous
  reservation ends and is GCRegionRange long); split by generation with peak.gc.
- GC bookkeeping: the card and brick tables, the anonymous reservations sized 1/2048 of the range.
- native heap: [heap] (brk) and glibc's per-thread 64 MiB malloc arenas.
- thread stacks: [stack] and the 8 MiB mappings behind a one-page guard.
- JIT'd code and loader heaps: memfd:doublemapper (the runtime maps that memory twice, W^X).
- files: CoreLib, coreclr, clrjit, the other runtime and system libraries, framework assemblies and
  bgpd's own assemblies (file-backed pages; anonymous pages of a file's mapping are its relocated data).
Socket buffers are the kernel's memory, not the process's RSS.
"""
import re
import sys
from pathlib import Path

MiB = 1024 * 1024


def mappings(path):
    current = None
    for line in open(path):
        head = re.match(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$", line)
        if head:
            current = {"start": int(head.group(1), 16), "end": int(head.group(2), 16),
                       "perm": head.group(3), "name": head.group(4).strip(), "rss": 0, "anon": 0}
            yield current
            continue
        key, _, value = line.partition(":")
        if key == "Rss":
            current["rss"] = int(value.split()[0]) * 1024
        elif key == "Anonymous":
            current["anon"] = int(value.split()[0]) * 1024


def key_values(path):
    values = {}
    for line in open(path):
        key, _, value = line.strip().partition("=")
        values[key] = value
    return values


def classify(maps, region_range):
    anonymous = [m for m in maps if m["name"] == ""]
    reservation = max(anonymous, key=lambda m: m["end"] - m["start"])
    gc_start, gc_end = reservation["end"] - region_range, reservation["end"]
    bookkeeping_size = region_range // 2048
    sums = {}

    def add(kind, amount):
        sums[kind] = sums.get(kind, 0) + amount

    previous = None
    for index, m in enumerate(maps):
        name, size = m["name"], m["end"] - m["start"]
        following = maps[index + 1] if index + 1 < len(maps) else None
        # A committed head and its reserved tail, adjacent: the extent of the whole reservation.
        extent = following["end"] - m["start"] if following is not None and following["name"] == "" \
            and following["perm"] == "---p" and following["start"] == m["end"] else size
        if name == "":
            if gc_start <= m["start"] < gc_end:
                add("GC heap", m["rss"])
            elif m["perm"] == "rw-p" and abs(extent - bookkeeping_size) < bookkeeping_size // 50:
                add("GC bookkeeping (card and brick tables)", m["rss"])
            elif m["perm"] == "rw-p" and extent == 64 * MiB:
                add("native heap (malloc arenas)", m["rss"])
            elif m["perm"] == "rw-p" and size == 8 * MiB and previous is not None and previous["perm"] == "---p" \
                    and previous["end"] == m["start"] and previous["end"] - previous["start"] == 4096:
                add("thread stacks", m["rss"])
            else:
                add("other anonymous", m["rss"])
        elif name == "[heap]":
            add("native heap ([heap])", m["rss"])
        elif name == "[stack]":
            add("thread stacks", m["rss"])
        elif "doublemapper" in name:
            add("JIT'd code, stubs, loader heaps (memfd:doublemapper)", m["rss"])
        else:
            base = name.rsplit("/", 1)[-1]
            if base == "System.Private.CoreLib.dll":
                kind = "file: System.Private.CoreLib.dll"
            elif base in ("libcoreclr.so", "libclrjit.so"):
                kind = "file: " + base
            elif base.endswith(".so") or ".so." in base:
                kind = "file: other runtime/system libraries"
            elif base.endswith(".dll") and ("/shared/Microsoft." in name):
                kind = "file: framework assemblies"
            elif base.endswith(".dll"):
                kind = "file: bgpd's assemblies"
            elif name.startswith("["):
                kind = "other " + name
            else:
                kind = "file: other"
            add(kind, m["rss"] - m["anon"])
            if m["anon"]:
                add("anonymous pages of file mappings (relocations, data)", m["anon"])
        previous = m
    return sums, bookkeeping_size


def main():
    trace = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    maps = list(mappings(trace / "peak.smaps"))
    config = key_values(trace / "gc.config")
    sums, _ = classify(maps, int(config.get("GCRegionRange", "0")))
    total = sum(m["rss"] for m in maps)
    print((trace / "peak.gc").read_text().splitlines()[0])
    for kind, amount in sorted(sums.items(), key=lambda pair: -pair[1]):
        print(f"{amount / MiB:8.1f} MiB  {kind}")
    print(f"{total / MiB:8.1f} MiB  total RSS")
    lines = (trace / "peak.gc").read_text().splitlines()
    gc = dict(zip(lines[1].split(), lines[2].split()))
    print("GC at the peak (MiB): heap after the last GC {heap_mib} (gen0 {gen0_mib}, gen1 {gen1_mib}, gen2 {gen2_mib}, "
          "LOH {loh_mib}, POH {poh_mib}; free space in it {fragmented_mib}), allocated since {allocated_since_gc_mib}, "
          "committed {committed_mib}; collections gen0/1/2 {count0}/{count1}/{count2}".format(**gc))


if __name__ == "__main__":
    main()
