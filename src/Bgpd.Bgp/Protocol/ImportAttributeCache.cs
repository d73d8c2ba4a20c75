using Bgpd.Bgp.Wire;
using Bgpd.Rib.Attributes;

namespace Bgpd.Bgp.Protocol;

/// <summary>
/// The interned EA lists of the last few attribute blobs a session received. A peer announces most
/// routes with the same attribute bytes (a compute's VM routes, a full table's shared paths): equal
/// bytes give an equal EA list, so an UPDATE whose blob was seen lately skips building and interning it.
/// Only clean IPv4 UPDATEs take part: IPv6's MP_REACH carries the prefixes inside the blob, and an
/// UPDATE with problems may have had attributes discarded. Not thread-safe (used on the routing loop).
/// </summary>
internal sealed class ImportAttributeCache
{
    private const int Slots = 4;
    private readonly byte[]?[] _blobs = new byte[]?[Slots];
    private readonly EaList?[] _lists = new EaList?[Slots];
    private int _next;

    /// <summary>True when <paramref name="update"/>'s attributes can be looked up and stored here.</summary>
    public static bool Applies(UpdateMessage update) =>
        update.Action == UpdateErrorAction.None && update.MpReach is null && update.Problems.Count == 0 && !update.RawAttributes.IsEmpty;

    public bool TryGet(ReadOnlySpan<byte> blob, out EaList list)
    {
        for (var i = 0; i < Slots; i++)
        {
            if (_blobs[i] is { } known && blob.SequenceEqual(known))
            {
                list = _lists[i]!;
                return true;
            }
        }
        list = EaList.Empty;
        return false;
    }

    public void Add(ReadOnlySpan<byte> blob, EaList list)
    {
        _blobs[_next] = blob.ToArray();
        _lists[_next] = list;
        _next = (_next + 1) % Slots;
    }

    /// <summary>Forgets everything (a new session may have other decode options or defaults).</summary>
    public void Clear()
    {
        Array.Clear(_blobs);
        Array.Clear(_lists);
    }
}
