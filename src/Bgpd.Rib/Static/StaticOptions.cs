using Bgpd.Net;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Static;

/// <summary>One next hop of a static multipath route: `via 10.0.0.1[%eth0] [weight N]`.</summary>
public sealed record StaticNextHopOptions(IpAddress Gateway, string? Interface = null, int Weight = 1);

/// <summary>One configured static route.</summary>
public sealed record StaticRouteOptions(Prefix Prefix, StaticRouteKind Kind)
{
    /// <summary>Gateway of Gateway and Recursive routes.</summary>
    public IpAddress Gateway { get; init; }
    /// <summary>Interface of an Interface route, or the `%iface` qualifier of a gateway.</summary>
    public string? Interface { get; init; }
    /// <summary>Next hops of a Multipath route, in configuration order.</summary>
    public IReadOnlyList<StaticNextHopOptions> NextHops { get; init; } = [];
    /// <summary>Per-route attribute commands (2.x `route ... { bgp_community.add(...); }`), run when the route is built.</summary>
    public IRouteFilter? Commands { get; init; }

    /// <summary>`route P via GW[%IFACE]`.</summary>
    public static StaticRouteOptions Via(Prefix prefix, IpAddress gateway, string? iface = null) =>
        new(prefix, StaticRouteKind.Gateway) { Gateway = gateway, Interface = iface };
    /// <summary>`route P via "IFACE"`.</summary>
    public static StaticRouteOptions Device(Prefix prefix, string iface) => new(prefix, StaticRouteKind.Interface) { Interface = iface };
    /// <summary>`route P multipath via ... weight N ...`.</summary>
    public static StaticRouteOptions Multipath(Prefix prefix, params StaticNextHopOptions[] hops) =>
        new(prefix, StaticRouteKind.Multipath) { NextHops = hops };
    /// <summary>`route P recursive GW`.</summary>
    public static StaticRouteOptions Recursive(Prefix prefix, IpAddress gateway) => new(prefix, StaticRouteKind.Recursive) { Gateway = gateway };
    /// <summary>`route P blackhole`.</summary>
    public static StaticRouteOptions Blackhole(Prefix prefix) => new(prefix, StaticRouteKind.Blackhole);
    /// <summary>`route P unreachable`.</summary>
    public static StaticRouteOptions Unreachable(Prefix prefix) => new(prefix, StaticRouteKind.Unreachable);
    /// <summary>`route P prohibit`.</summary>
    public static StaticRouteOptions Prohibit(Prefix prefix) => new(prefix, StaticRouteKind.Prohibit);
}

/// <summary>Settings of a static protocol, mapped by the daemon from `protocol static { ... }`.</summary>
public sealed record StaticOptions
{
    /// <summary>Filters, preference (default 200) and limits of the single channel.</summary>
    public ChannelOptions Channel { get; init; } = new();
    /// <summary>The routes, in configuration order.</summary>
    public IReadOnlyList<StaticRouteOptions> Routes { get; init; } = [];
    /// <summary>`check link`: also require link carrier on the interface (needs an interface view that reports it as up/down).</summary>
    public bool CheckLink { get; init; }
}
