using System.Collections;
using Bgpd.Net;

namespace Bgpd.Rib.Tables;

/// <summary>
/// The networks of a table by prefix (BIRD's fib): a hash with chains threaded through the network
/// entries themselves (<see cref="NetEntry.Chain"/>), so an entry costs one int bucket and no
/// separate node. Buckets are split into segments that grow and shrink on their own, so a table of a
/// million networks never allocates (or holds twice over) one huge array while it grows.
/// Not thread-safe; enumeration must not overlap changes.
/// </summary>
internal sealed class NetworkIndex : IEnumerable<Network>
{
    // 256 segments keep every bucket array small (under the large-object threshold up to several million
    // networks): large arrays are only freed by full collections, and allocating them counts towards one.
    private const int SegmentBits = 8;
    private const int SegmentCount = 1 << SegmentBits;
    private const int MinimumBuckets = 4;

    private readonly TableStore _store;
    // Network slots, 0 = empty bucket.
    private readonly int[][] _segments = new int[SegmentCount][];
    private readonly int[] _segmentCounts = new int[SegmentCount];

    public NetworkIndex(TableStore store)
    {
        _store = store;
        for (var i = 0; i < SegmentCount; i++) _segments[i] = new int[MinimumBuckets];
    }

    /// <summary>The storage the indexed networks live in.</summary>
    public TableStore Store => _store;

    /// <summary>Number of networks.</summary>
    public int Count { get; private set; }

    /// <summary>Total buckets over all segments (tests check growth and shrinking).</summary>
    internal int BucketCount
    {
        get
        {
            var total = 0;
            foreach (var segment in _segments) total += segment.Length;
            return total;
        }
    }

    /// <summary>The network for exactly <paramref name="prefix"/>, or null.</summary>
    public Network? Find(in Prefix prefix) => FindSlot(prefix) is var slot and not 0 ? new Network(_store, slot) : null;

    /// <summary>The slot of the network for exactly <paramref name="prefix"/>, or 0.</summary>
    public int FindSlot(in Prefix prefix)
    {
        var hash = Hash(prefix);
        var buckets = _segments[SegmentOf(hash)];
        for (var net = buckets[BucketOf(hash, buckets.Length)]; net != 0; net = _store.NetAt(net).Chain)
            if (_store.Matches(net, prefix)) return net;
        return 0;
    }

    /// <summary>Adds <paramref name="net"/>, whose prefix the index must not hold yet (the caller has looked).</summary>
    public void Add(Network net)
    {
        var slot = net.Slot;
        var hash = _store.HashOf(slot);
        var segment = SegmentOf(hash);
        var buckets = _segments[segment];
        ref var head = ref buckets[BucketOf(hash, buckets.Length)];
        _store.NetAt(slot).Chain = head;
        head = slot;
        Count++;
        if (++_segmentCounts[segment] > buckets.Length) Resize(segment, buckets.Length * 2);
    }

    /// <summary>Removes <paramref name="net"/>; false when it is not in this index.</summary>
    public bool Remove(Network net)
    {
        if (!ReferenceEquals(net.Store, _store)) return false;
        var slot = net.Slot;
        var hash = _store.HashOf(slot);
        var segment = SegmentOf(hash);
        var buckets = _segments[segment];
        ref var link = ref buckets[BucketOf(hash, buckets.Length)];
        while (link != 0)
        {
            if (link == slot)
            {
                ref var entry = ref _store.NetAt(slot);
                link = entry.Chain;
                entry.Chain = 0;
                Count--;
                // Shrink at a quarter full so a flushed table gives its memory back, without thrashing at the edge.
                if (--_segmentCounts[segment] < buckets.Length / 4 && buckets.Length > MinimumBuckets) Resize(segment, buckets.Length / 2);
                return true;
            }
            link = ref _store.NetAt(link).Chain;
        }
        return false;
    }

    /// <summary>Number of segments (<see cref="CopySegment"/>).</summary>
    public const int Segments = SegmentCount;

    /// <summary>Appends the networks of one segment to <paramref name="into"/>.</summary>
    public void CopySegment(int segment, List<Network> into)
    {
        foreach (var head in _segments[segment])
            for (var net = head; net != 0; net = _store.NetAt(net).Chain)
                into.Add(new Network(_store, net));
    }

    public IEnumerator<Network> GetEnumerator()
    {
        foreach (var buckets in _segments)
            foreach (var head in buckets)
                for (var net = head; net != 0; net = _store.NetAt(net).Chain)
                    yield return new Network(_store, net);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Resize(int segment, int length)
    {
        var old = _segments[segment];
        var buckets = new int[length];
        foreach (var head in old)
        {
            for (var net = head; net != 0;)
            {
                ref var entry = ref _store.NetAt(net);
                var next = entry.Chain;
                ref var bucket = ref buckets[BucketOf(_store.HashOf(net), length)];
                entry.Chain = bucket;
                bucket = net;
                net = next;
            }
        }
        _segments[segment] = buckets;
    }

    // Segments take the high bits of the hash, buckets the low ones: a block of neighbouring prefixes
    // stays in one segment, in neighbouring buckets.
    private static int SegmentOf(uint hash) => (int)(hash >> (32 - SegmentBits));

    private static uint BucketOf(uint hash, int buckets) => hash & (uint)(buckets - 1);

    private static uint Hash(in Prefix prefix)
    {
        var bits = prefix.Address.Bits;
        return Hash((ulong)bits, (ulong)(bits >> 64), prefix.Length, prefix.IsV6);
    }

    /// <summary>
    /// Hashes the prefix's number (its significant bits) so that prefixes next to each other (a peer's
    /// burst of /32s, a run of /24s) land in neighbouring buckets and a burst keeps touching the same
    /// cache lines: the low 8 bits stay, the bits above pick a scrambled block of 256 buckets.
    /// </summary>
    internal static uint Hash(ulong low, ulong high, byte length, bool isV6)
    {
        ulong number;
        if (!isV6) number = length == 0 ? 0 : (uint)low >> (32 - length);
        else if (length <= 64) number = length == 0 ? 0 : high >> (64 - length);
        else number = (low >> (128 - length)) ^ (high * 0xC2B2AE3D27D4EB4FUL);
        var block = ((number >> 8) ^ ((ulong)length << 56)) * 0x9E3779B97F4A7C15UL;
        return (uint)number ^ (uint)(block >> 32);
    }
}
