using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Protocol;

public sealed partial class BgpProtocol
{
    // BIRD's AS_PATH_MAXLEN: a route without AS_PATH compares as the longest path.
    private const int AsPathMaxLength = 10000;

    /// <summary>
    /// BIRD 1.6's bgp_rte_better, for two BGP routes of equal preference: unsuppressed (deterministic
    /// MED) first, resolvable next hop, higher LOCAL_PREF, shorter AS path, lower ORIGIN, lower MED
    /// (same neighbour AS, or always with `med metric` on either side), eBGP over iBGP, lower IGP metric
    /// (`igp metric`), `prefer older` between external routes, lower router id (ORIGINATOR_ID first),
    /// shorter CLUSTER_LIST, lower neighbour address. Each side's own options apply to its route.
    /// </summary>
    protected override bool IsBetter(Route candidate, Route current)
    {
        if (candidate.Suppressed != current.Suppressed) return current.Suppressed;

        var a = candidate.Attributes;
        var b = current.Attributes;
        var ra = Resolvable(a);
        var rb = Resolvable(b);
        if (ra != rb) return ra;

        // RFC 9494: LLGR-stale routes are the least preferred.
        var sa = IsLongLivedStale(candidate);
        var sb = IsLongLivedStale(current);
        if (sa != sb) return sb;

        var pa = a.Protocol as BgpProtocol ?? this;
        var pb = b.Protocol as BgpProtocol ?? this;
        var oa = pa.Options;
        var ob = pb.Options;

        var x = Int(a, EaId.BgpLocalPref, oa.DefaultLocalPref);
        var y = Int(b, EaId.BgpLocalPref, ob.DefaultLocalPref);
        if (x != y) return x > y;

        if (oa.PathMetric || ob.PathMetric)
        {
            var la = a.TryGet(EaId.BgpAsPath, out var pathA) ? pathA.AsPath.Length : AsPathMaxLength;
            var lb = b.TryGet(EaId.BgpAsPath, out var pathB) ? pathB.AsPath.Length : AsPathMaxLength;
            if (la != lb) return la < lb;
        }

        x = Int(a, EaId.BgpOrigin, 2);
        y = Int(b, EaId.BgpOrigin, 2);
        if (x != y) return x < y;

        if (oa.MedMetric || ob.MedMetric || NeighbourAs(candidate) == NeighbourAs(current))
        {
            x = Int(a, EaId.BgpMed, oa.DefaultMed);
            y = Int(b, EaId.BgpMed, ob.DefaultMed);
            if (x != y) return x < y;
        }

        var ia = oa.IsInternal;
        var ib = ob.IsInternal;
        if (ia != ib) return ib;

        x = oa.IgpMetric ? a.IgpMetric : 0;
        y = ob.IgpMetric ? b.IgpMetric : 0;
        if (x != y) return x < y;

        x = a.TryGet(EaId.BgpOriginatorId, out var origA) ? origA.AsInt : pa.PeerId ?? 0;
        y = b.TryGet(EaId.BgpOriginatorId, out var origB) ? origB.AsInt : pb.PeerId ?? 0;

        // RFC 5004: with `prefer older`, of two external routes from different routers the one already there stays.
        if ((oa.PreferOlder || ob.PreferOlder) && !ia && x != y) return false;
        if (x != y) return x < y;

        var ca = a.TryGet(EaId.BgpClusterList, out var cla) ? cla.AsIntSet.Length : 0;
        var cb = b.TryGet(EaId.BgpClusterList, out var clb) ? clb.AsIntSet.Length : 0;
        if (ca != cb) return ca < cb;

        return oa.Session.PeerAddress < ob.Session.PeerAddress;
    }

    /// <summary>BIRD rte_resolvable: the route has somewhere to send packets.</summary>
    internal static bool Resolvable(RouteAttributes attributes) =>
        attributes.Dest is RouteDest.Router or RouteDest.Device or RouteDest.Multipath;

    private static uint Int(RouteAttributes attributes, EaId id, uint fallback) =>
        attributes.TryGet(id, out var value) ? value.AsInt : fallback;

    /// <summary>BIRD bgp_get_neighbor: the first AS of the path, else the peer's AS.</summary>
    private static uint NeighbourAs(Route route)
    {
        var a = route.Attributes;
        if (a.TryGet(EaId.BgpAsPath, out var path) && path.AsPath.FirstAs is { } first) return first;
        return (a.Protocol as BgpProtocol)?.Options.Session.PeerAs ?? 0;
    }
}
