using System.Collections.Immutable;
using Bgpd.Net;
using Bgpd.Rib.Attributes;

namespace Bgpd.Rib.NextHops;

/// <summary>
/// A next-hop address resolved through a table (BIRD's hostentry): where packets for it go now, and
/// the IGP metric of the route that resolves it. Routes with a recursive next hop point at one; when
/// the table's route to the address changes, the entry is re-resolved and those routes are updated.
/// </summary>
public sealed class HostEntry
{
    internal HostEntry(HostCache cache, IpAddress address, IpAddress link)
    {
        Cache = cache;
        Address = address;
        Link = link;
    }

    internal HostCache Cache { get; }
    /// <summary>The BGP next hop being resolved.</summary>
    public IpAddress Address { get; }
    /// <summary>Gateway used when <see cref="Address"/> is directly reachable (an IPv6 link-local next hop, else the address itself).</summary>
    public IpAddress Link { get; }
    /// <summary>Router (reachable), Multipath, or Unreachable / Blackhole / Prohibit as the resolving route says.</summary>
    public RouteDest Dest { get; internal set; } = RouteDest.Unreachable;
    /// <summary>The resolved next hops (empty when not reachable).</summary>
    public ImmutableArray<NextHop> NextHops { get; internal set; } = [];
    /// <summary>IGP metric of the resolving route (0 on a connected network, <see cref="RouteAttributes.IgpMetricUnknown"/> when unknown).</summary>
    public uint IgpMetric { get; internal set; }
    /// <summary>Prefix length of the resolving network (-1 before the first resolution; 0 when nothing resolves).</summary>
    internal int ResolvedLength { get; set; } = -1;
    /// <summary>Routes (across tables) whose attributes name this entry; entries nobody uses are dropped.</summary>
    internal int Uses { get; set; }

    /// <summary>True when routes using this entry are reachable (BIRD rte_resolvable).</summary>
    public bool IsResolvable => Dest is RouteDest.Router or RouteDest.Device or RouteDest.Multipath;

    /// <summary>True when <paramref name="attributes"/> carry what this entry resolves to now.</summary>
    public bool IsAppliedTo(RouteAttributes attributes) =>
        attributes.Dest == Dest && attributes.IgpMetric == IgpMetric && attributes.NextHops.AsSpan().SequenceEqual(NextHops.AsSpan());

    public override string ToString() => $"{Address} -> {Dest} [{string.Join(", ", NextHops)}] igp {IgpMetric}";
}
