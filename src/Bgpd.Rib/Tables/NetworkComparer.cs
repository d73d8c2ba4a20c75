using Bgpd.Net;

namespace Bgpd.Rib.Tables;

/// <summary>Lets a HashSet of <see cref="Network"/> be searched by <see cref="Prefix"/> without allocating or storing the key twice.</summary>
internal sealed class NetworkComparer : IEqualityComparer<Network>, IAlternateEqualityComparer<Prefix, Network>
{
    public static readonly NetworkComparer Instance = new();

    public bool Equals(Network? x, Network? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.Matches(y.Prefix));
    public int GetHashCode(Network obj) => obj.PrefixHash();
    public bool Equals(Prefix alternate, Network other) => other.Matches(alternate);
    public int GetHashCode(Prefix alternate)
    {
        var bits = alternate.Address.Bits;
        return Hash((ulong)bits, (ulong)(bits >> 64), alternate.Length);
    }

    public Network Create(Prefix alternate) => new(alternate);

    // Cheaper than HashCode.Combine over the 128-bit address and well spread for IPv4.
    internal static int Hash(ulong low, ulong high, byte length)
    {
        var mixed = (low ^ (high * 0xC2B2AE3D27D4EB4FUL)) * 0x9E3779B97F4A7C15UL;
        return (int)(mixed >> 32) ^ (int)mixed ^ (length * 0x1F3D5B79);
    }
}
