using Bgpd.Net;

namespace Bgpd.Rib.Tables;

/// <summary>Lets a HashSet of <see cref="Network"/> be searched by <see cref="Prefix"/> without allocating or storing the key twice.</summary>
internal sealed class NetworkComparer : IEqualityComparer<Network>, IAlternateEqualityComparer<Prefix, Network>
{
    public static readonly NetworkComparer Instance = new();

    public bool Equals(Network? x, Network? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.Prefix.Equals(y.Prefix));
    public int GetHashCode(Network obj) => Hash(obj.Prefix);
    public bool Equals(Prefix alternate, Network other) => alternate.Equals(other.Prefix);
    public int GetHashCode(Prefix alternate) => Hash(alternate);
    public Network Create(Prefix alternate) => new(alternate);

    // Cheaper than HashCode.Combine over the 128-bit address and well spread for IPv4.
    private static int Hash(Prefix prefix)
    {
        var bits = prefix.Address.Bits;
        var mixed = ((ulong)bits ^ (ulong)(bits >> 64)) * 0x9E3779B97F4A7C15UL;
        return (int)(mixed >> 32) ^ (int)mixed ^ (prefix.Length * 0x1F3D5B79);
    }
}
