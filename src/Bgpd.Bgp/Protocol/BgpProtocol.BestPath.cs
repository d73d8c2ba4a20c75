using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Protocol;

public sealed partial class BgpProtocol
{
    /// <summary>
    /// BIRD 1.6's bgp_rte_better, for two BGP routes of equal preference: higher LOCAL_PREF, shorter
    /// AS path, lower ORIGIN, lower MED (same neighbour AS, or always with `med metric`), eBGP over
    /// iBGP, lower IGP metric, the older of two external routes with `prefer older`, lower router id (ORIGINATOR_ID
    /// first), shorter CLUSTER_LIST, lower neighbour address.
    /// </summary>
    protected override bool IsBetter(Route candidate, Route current)
    {
        var a = candidate.Attributes;
        var b = current.Attributes;
        var pa = a.Protocol as BgpProtocol;
        var pb = b.Protocol as BgpProtocol;
        var defaultPref = Options.DefaultLocalPref;

        var x = Int(a, EaId.BgpLocalPref, defaultPref);
        var y = Int(b, EaId.BgpLocalPref, defaultPref);
        if (x != y) return x > y;

        if (Options.PathMetric)
        {
            var la = a.TryGet(EaId.BgpAsPath, out var pathA) ? pathA.AsPath.Length : 0;
            var lb = b.TryGet(EaId.BgpAsPath, out var pathB) ? pathB.AsPath.Length : 0;
            if (la != lb) return la < lb;
        }

        x = Int(a, EaId.BgpOrigin, 0);
        y = Int(b, EaId.BgpOrigin, 0);
        if (x != y) return x < y;

        if (Options.MedMetric || SameNeighbourAs(a, b))
        {
            x = Int(a, EaId.BgpMed, 0);
            y = Int(b, EaId.BgpMed, 0);
            if (x != y) return x < y;
        }

        var ia = pa?.Options.IsInternal ?? true;
        var ib = pb?.Options.IsInternal ?? true;
        if (ia != ib) return ib;

        if (a.IgpMetric != b.IgpMetric) return a.IgpMetric < b.IgpMetric;

        // RFC 5004: with `prefer older`, of two external routes the one already there stays.
        if (Options.PreferOlder && !ia && !ib) return false;

        var ra = a.TryGet(EaId.BgpOriginatorId, out var oa) ? oa.AsInt : pa?.PeerId ?? 0;
        var rb = b.TryGet(EaId.BgpOriginatorId, out var ob) ? ob.AsInt : pb?.PeerId ?? 0;
        if (ra != rb) return ra < rb;

        var ca = a.TryGet(EaId.BgpClusterList, out var cla) ? cla.AsIntSet.Length : 0;
        var cb = b.TryGet(EaId.BgpClusterList, out var clb) ? clb.AsIntSet.Length : 0;
        if (ca != cb) return ca < cb;

        return a.From < b.From;
    }

    private static uint Int(RouteAttributes attributes, EaId id, uint fallback) =>
        attributes.TryGet(id, out var value) ? value.AsInt : fallback;

    private static bool SameNeighbourAs(RouteAttributes a, RouteAttributes b)
    {
        var fa = a.TryGet(EaId.BgpAsPath, out var pa) ? pa.AsPath.FirstAs : null;
        var fb = b.TryGet(EaId.BgpAsPath, out var pb) ? pb.AsPath.FirstAs : null;
        return fa == fb;
    }
}
