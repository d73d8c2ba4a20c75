using System.Collections.Immutable;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Netlink.Kernel;

/// <summary><c>merge paths</c>: the best route of a network, with the next hops of every other route that
/// is "mergeable" with it added (BIRD's rt_export_merged), up to a limit.</summary>
public static class RouteMerger
{
    /// <summary>The merged export for <paramref name="net"/>, or null when nothing is exported.</summary>
    public static RouteAttributes? Merge(Network? net, Channel channel, int limit)
    {
        if (net is not { Best: { } best } found || !channel.WouldExport(best, out var bestAttributes, out _))
            return null;
        if (!IsReachable(bestAttributes))
            return bestAttributes;
        var hops = new List<NextHop>(bestAttributes.NextHops);
        foreach (var other in found.Routes)
        {
            if (other == best || other.IsFiltered || !Mergeable(best, other))
                continue;
            if (!channel.WouldExport(other, out var attributes, out _) || !IsReachable(attributes))
                continue;
            foreach (var hop in attributes.NextHops)
                if (!hops.Exists(h => h.Gateway == hop.Gateway && h.InterfaceName == hop.InterfaceName))
                    hops.Add(hop);
        }
        if (hops.Count == bestAttributes.NextHops.Length)
            return bestAttributes;
        hops.Sort(NextHop.CompareForMultipath);
        if (hops.Count > limit)
            hops.RemoveRange(limit, hops.Count - limit);
        return hops.Count == 1
            ? bestAttributes.WithDestination(hops[0].IsDevice ? RouteDest.Device : RouteDest.Router, [hops[0]])
            : bestAttributes.WithDestination(RouteDest.Multipath, [.. hops]);
    }

    private static bool IsReachable(RouteAttributes a) => a.Dest is RouteDest.Router or RouteDest.Device or RouteDest.Multipath;

    /// <summary>BIRD merges only routes of the same protocol class that the class calls equal; of bgpd's
    /// protocols only BGP defines that (equal preference, local preference, AS path length, origin, MED, IGP metric).</summary>
    public static bool Mergeable(Route primary, Route secondary)
    {
        if (primary.Preference != secondary.Preference)
            return false;
        var a = primary.Attributes;
        var b = secondary.Attributes;
        if (a.Source != RouteSource.Bgp || b.Source != RouteSource.Bgp)
            return false;
        return Same(a, b, EaId.BgpLocalPref) && Same(a, b, EaId.BgpOrigin) && Same(a, b, EaId.BgpMed) &&
               PathLength(a) == PathLength(b) && a.IgpMetric == b.IgpMetric;
    }

    private static bool Same(RouteAttributes a, RouteAttributes b, EaId id)
    {
        var hasA = a.TryGet(id, out var va);
        var hasB = b.TryGet(id, out var vb);
        return hasA == hasB && (!hasA || va == vb);
    }

    private static int PathLength(RouteAttributes a) =>
        a.TryGet(EaId.BgpAsPath, out var path) && path.Type == EaType.AsPath ? path.AsPath.Length : 0;
}
