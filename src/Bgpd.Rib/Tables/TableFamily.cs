namespace Bgpd.Rib.Tables;

/// <summary>Address family of a table (BIRD 1.6: one per daemon; 2.x: master4 / master6).</summary>
public enum TableFamily : byte
{
    /// <summary>IPv4 networks.</summary>
    Ipv4,
    /// <summary>IPv6 networks.</summary>
    Ipv6,
}
