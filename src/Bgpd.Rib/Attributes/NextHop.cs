using Bgpd.Net;

namespace Bgpd.Rib.Attributes;

/// <summary>
/// One next hop of a route (BIRD 1.6 gw+iface, or one `mpnh` of a multipath route). A device next hop
/// has a zero <see cref="Gateway"/> and only an interface.
/// </summary>
public readonly struct NextHop : IEquatable<NextHop>
{
    /// <summary>Creates a next hop; <paramref name="weight"/> is the user-visible weight 1..256 (BIRD prints `weight N`).</summary>
    public NextHop(IpAddress gateway, string? interfaceName, int interfaceIndex = 0, int weight = 1, bool onLink = false)
    {
        if (weight is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(weight), "next-hop weight must be 1..256");
        Gateway = gateway;
        InterfaceName = interfaceName;
        InterfaceIndex = interfaceIndex;
        Weight = (short)weight;
        OnLink = onLink;
    }

    /// <summary>Gateway address; zero for a device (interface-only) next hop.</summary>
    public IpAddress Gateway { get; }
    /// <summary>Outgoing interface name, or null when not (yet) known.</summary>
    public string? InterfaceName { get; }
    /// <summary>Kernel interface index, 0 when unknown.</summary>
    public int InterfaceIndex { get; }
    /// <summary>Multipath weight 1..256 (default 1).</summary>
    public int Weight { get; }
    /// <summary>Gateway is reachable on the interface even without a covering connected prefix (Calico's tunl0 routes).</summary>
    public bool OnLink { get; }

    /// <summary>True when there is no gateway, only an interface.</summary>
    public bool IsDevice => Gateway.IsZero;

    /// <summary>A device (interface-only) next hop.</summary>
    public static NextHop Device(string interfaceName, int interfaceIndex = 0, bool isV6 = false) =>
        new(isV6 ? IpAddress.V6Zero : IpAddress.V4Zero, interfaceName, interfaceIndex);

    /// <summary>
    /// BIRD's multipath order (mpnh_compare_node): higher weight first, then gateway ascending, then
    /// interface index. Multipath next hop lists are kept in this order.
    /// </summary>
    public static int CompareForMultipath(NextHop x, NextHop y)
    {
        var c = y.Weight.CompareTo(x.Weight);
        if (c != 0) return c;
        c = x.Gateway.CompareTo(y.Gateway);
        return c != 0 ? c : x.InterfaceIndex.CompareTo(y.InterfaceIndex);
    }

    public bool Equals(NextHop other) =>
        Gateway == other.Gateway && InterfaceIndex == other.InterfaceIndex && Weight == other.Weight &&
        OnLink == other.OnLink && string.Equals(InterfaceName, other.InterfaceName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is NextHop other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Gateway, InterfaceName, InterfaceIndex, Weight, OnLink);
    public static bool operator ==(NextHop a, NextHop b) => a.Equals(b);
    public static bool operator !=(NextHop a, NextHop b) => !a.Equals(b);

    /// <summary>1.6 rendering of a multipath member: "via 10.99.0.3 on rsv16 weight 2".</summary>
    public override string ToString() => IsDevice
        ? $"dev {InterfaceName ?? "???"}"
        : $"via {Gateway} on {InterfaceName ?? "???"} weight {Weight}";
}
