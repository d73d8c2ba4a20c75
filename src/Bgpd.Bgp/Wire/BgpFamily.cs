namespace Bgpd.Bgp.Wire;

/// <summary>Address family identifiers (IANA).</summary>
public enum Afi : ushort
{
    IPv4 = 1,
    IPv6 = 2,
}

/// <summary>Subsequent address family identifiers (IANA).</summary>
public enum Safi : byte
{
    Unicast = 1,
    Multicast = 2,
}

/// <summary>An AFI/SAFI pair; only IPv4 and IPv6 unicast carry routes in bgpd, others are parsed and ignored.</summary>
public readonly record struct BgpFamily(Afi Afi, Safi Safi)
{
    public static readonly BgpFamily IPv4Unicast = new(Afi.IPv4, Safi.Unicast);
    public static readonly BgpFamily IPv6Unicast = new(Afi.IPv6, Safi.Unicast);

    public bool IsSupported => Safi == Safi.Unicast && (Afi == Afi.IPv4 || Afi == Afi.IPv6);
    public bool IsV6 => Afi == Afi.IPv6;
    public int MaxPrefixLength => Afi == Afi.IPv6 ? 128 : 32;

    public override string ToString() => (Afi, Safi) switch
    {
        (Afi.IPv4, Safi.Unicast) => "ipv4",
        (Afi.IPv6, Safi.Unicast) => "ipv6",
        _ => $"afi {(ushort)Afi} safi {(byte)Safi}",
    };
}
