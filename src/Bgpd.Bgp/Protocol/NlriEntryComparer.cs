using Bgpd.Bgp.Wire;

namespace Bgpd.Bgp.Protocol;

/// <summary>
/// Keys the pending-export map: one multiply per entry instead of the default nested HashCode rounds over
/// the 128-bit address. The multiplier and offset are drawn per process, so a peer cannot choose prefixes
/// that all collide.
/// </summary>
internal sealed class NlriEntryComparer : IEqualityComparer<NlriEntry>
{
    public static readonly NlriEntryComparer Instance = new();

    private static readonly ulong Multiplier = (ulong)Random.Shared.NextInt64() | 1;
    private static readonly ulong Offset = (ulong)Random.Shared.NextInt64();

    public bool Equals(NlriEntry x, NlriEntry y) => x.PathId == y.PathId && x.Prefix.Equals(y.Prefix);

    public int GetHashCode(NlriEntry obj)
    {
        var bits = obj.Prefix.Address.Bits;
        var key = (ulong)bits ^ ((ulong)(bits >> 64) * 0x9E3779B97F4A7C15UL) ^ ((ulong)obj.Prefix.Length << 56) ^ ((ulong)obj.PathId << 24);
        return (int)(((key + Offset) * Multiplier) >> 32);
    }
}
