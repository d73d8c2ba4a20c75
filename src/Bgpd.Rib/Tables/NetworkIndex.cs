using System.Collections;
using Bgpd.Net;

namespace Bgpd.Rib.Tables;

/// <summary>
/// The networks of a table by prefix (BIRD's fib): a hash with chains threaded through the networks
/// themselves (<see cref="Network.NextInChain"/>), so an entry costs one bucket reference and no
/// separate node. Buckets are split into segments that grow and shrink on their own, so a table of a
/// million networks never allocates (or holds twice over) one huge array while it grows.
/// Not thread-safe; enumeration must not overlap changes.
/// </summary>
internal sealed class NetworkIndex : IEnumerable<Network>
{
    // 256 segments keep every bucket array under the large-object threshold (85,000 bytes, 10,624
    // references) up to two million networks: large arrays are only freed by full collections, and
    // allocating them counts towards one, which over a million live networks is the expensive kind.
    private const int SegmentBits = 8;
    private const int SegmentCount = 1 << SegmentBits;
    private const int MinimumBuckets = 4;

    private readonly Network?[][] _segments = new Network?[SegmentCount][];
    private readonly int[] _segmentCounts = new int[SegmentCount];

    public NetworkIndex()
    {
        for (var i = 0; i < SegmentCount; i++) _segments[i] = new Network?[MinimumBuckets];
    }

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
    public Network? Find(in Prefix prefix)
    {
        var hash = Hash(prefix);
        var buckets = _segments[SegmentOf(hash)];
        for (var net = buckets[BucketOf(hash, buckets.Length)]; net is not null; net = net.NextInChain)
            if (net.Matches(prefix)) return net;
        return null;
    }

    /// <summary>Adds <paramref name="net"/>, whose prefix the index must not hold yet (the caller has looked).</summary>
    public void Add(Network net)
    {
        var hash = net.PrefixHash();
        var segment = SegmentOf(hash);
        var buckets = _segments[segment];
        ref var head = ref buckets[BucketOf(hash, buckets.Length)];
        net.NextInChain = head;
        head = net;
        Count++;
        if (++_segmentCounts[segment] > buckets.Length) Resize(segment, buckets.Length * 2);
    }

    /// <summary>Removes <paramref name="net"/>; false when it is not in this index.</summary>
    public bool Remove(Network net)
    {
        var hash = net.PrefixHash();
        var segment = SegmentOf(hash);
        var buckets = _segments[segment];
        ref var link = ref buckets[BucketOf(hash, buckets.Length)];
        while (link is not null)
        {
            if (ReferenceEquals(link, net))
            {
                link = net.NextInChain;
                net.NextInChain = null;
                Count--;
                // Shrink at a quarter full so a flushed table gives its memory back, without thrashing at the edge.
                if (--_segmentCounts[segment] < buckets.Length / 4 && buckets.Length > MinimumBuckets) Resize(segment, buckets.Length / 2);
                return true;
            }
            link = ref link.NextInChain;
        }
        return false;
    }

    /// <summary>Number of segments (<see cref="CopySegment"/>).</summary>
    public const int Segments = SegmentCount;

    /// <summary>Appends the networks of one segment to <paramref name="into"/>.</summary>
    public void CopySegment(int segment, List<Network> into)
    {
        foreach (var head in _segments[segment])
            for (var net = head; net is not null; net = net.NextInChain)
                into.Add(net);
    }

    public IEnumerator<Network> GetEnumerator()
    {
        foreach (var buckets in _segments)
            foreach (var head in buckets)
                for (var net = head; net is not null; net = net.NextInChain)
                    yield return net;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Resize(int segment, int length)
    {
        var old = _segments[segment];
        var buckets = new Network?[length];
        foreach (var head in old)
        {
            for (var net = head; net is not null;)
            {
                var next = net.NextInChain;
                ref var bucket = ref buckets[BucketOf(net.PrefixHash(), length)];
                net.NextInChain = bucket;
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
