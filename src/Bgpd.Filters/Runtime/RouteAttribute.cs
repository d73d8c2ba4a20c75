using Bgpd.Filters.Values;

namespace Bgpd.Filters.Runtime;

/// <summary>Every route attribute a filter can name. Static ones are fields of the route itself.</summary>
public enum RouteAttribute
{
    // Static route fields.
    Net, Scope, Preference, From, Gw, Proto, Source, Dest, IfName, IfIndex, Weight,
    // BGP path attributes.
    BgpOrigin, BgpPath, BgpNextHop, BgpMed, BgpLocalPref, BgpAtomicAggr, BgpAggregator, BgpCommunity,
    BgpOriginatorId, BgpClusterList, BgpExtCommunity, BgpLargeCommunity, BgpAigp, BgpOtc,
    // Kernel attributes (Linux netlink; krt_tunnel is Calico's fork).
    KrtSource, KrtMetric, KrtPrefsrc, KrtRealm, KrtScope, KrtTunnel,
    KrtMtu, KrtWindow, KrtRtt, KrtRttvar, KrtSstresh, KrtCwnd, KrtAdvmss, KrtReordering, KrtHoplimit,
    KrtInitcwnd, KrtFeatures, KrtRtoMin, KrtInitrwnd, KrtQuickack,
    KrtLockMtu, KrtLockWindow, KrtLockRtt, KrtLockRttvar, KrtLockSstresh, KrtLockCwnd, KrtLockAdvmss,
    KrtLockReordering, KrtLockHoplimit, KrtLockRtoMin, KrtFeatureEcn, KrtFeatureAllfrag,
    // Other protocols' attributes that configs may mention (OSPF, RIP, Babel).
    OspfMetric1, OspfMetric2, OspfTag, OspfRouterId, RipMetric, RipTag, BabelMetric,
    /// <summary>A 2.x <c>attribute TYPE name;</c> declaration (named by <see cref="AttributeInfo.Name"/>).</summary>
    Custom,
}

/// <summary>Name, type and writability of one attribute.</summary>
public sealed record AttributeInfo(string Name, RouteAttribute Id, FilterType Type, bool ReadOnly = false, bool IsStatic = false)
{
    /// <summary>Static attributes are always defined; extended ones may be missing.</summary>
    public bool AlwaysDefined => IsStatic;
}

/// <summary>The attribute table: names BIRD accepts and their types.</summary>
public static class RouteAttributes
{
    private static readonly Dictionary<string, AttributeInfo> ByName = Build();

    private static Dictionary<string, AttributeInfo> Build()
    {
        var list = new List<AttributeInfo>
        {
            new("net", RouteAttribute.Net, FilterType.Prefix, ReadOnly: true, IsStatic: true),
            new("scope", RouteAttribute.Scope, FilterType.EnumScope, IsStatic: true),
            new("preference", RouteAttribute.Preference, FilterType.Int, IsStatic: true),
            new("from", RouteAttribute.From, FilterType.Ip, IsStatic: true),
            new("gw", RouteAttribute.Gw, FilterType.Ip, IsStatic: true),
            new("proto", RouteAttribute.Proto, FilterType.String, ReadOnly: true, IsStatic: true),
            new("source", RouteAttribute.Source, FilterType.EnumRts, ReadOnly: true, IsStatic: true),
            new("dest", RouteAttribute.Dest, FilterType.EnumRtd, IsStatic: true),
            new("ifname", RouteAttribute.IfName, FilterType.String, IsStatic: true),
            new("ifindex", RouteAttribute.IfIndex, FilterType.Int, ReadOnly: true, IsStatic: true),
            new("weight", RouteAttribute.Weight, FilterType.Int, IsStatic: true),
            new("bgp_origin", RouteAttribute.BgpOrigin, FilterType.EnumOrigin),
            new("bgp_path", RouteAttribute.BgpPath, FilterType.Path),
            new("bgp_next_hop", RouteAttribute.BgpNextHop, FilterType.Ip),
            new("bgp_med", RouteAttribute.BgpMed, FilterType.Int),
            new("bgp_local_pref", RouteAttribute.BgpLocalPref, FilterType.Int),
            new("bgp_atomic_aggr", RouteAttribute.BgpAtomicAggr, FilterType.Bool),
            new("bgp_aggregator", RouteAttribute.BgpAggregator, FilterType.String, ReadOnly: true),
            new("bgp_community", RouteAttribute.BgpCommunity, FilterType.Clist),
            new("bgp_originator_id", RouteAttribute.BgpOriginatorId, FilterType.Quad),
            new("bgp_cluster_list", RouteAttribute.BgpClusterList, FilterType.Clist),
            new("bgp_ext_community", RouteAttribute.BgpExtCommunity, FilterType.EcList),
            new("bgp_large_community", RouteAttribute.BgpLargeCommunity, FilterType.LcList),
            new("bgp_aigp", RouteAttribute.BgpAigp, FilterType.Int),
            new("bgp_otc", RouteAttribute.BgpOtc, FilterType.Int),
            new("krt_source", RouteAttribute.KrtSource, FilterType.Int, ReadOnly: true),
            new("krt_metric", RouteAttribute.KrtMetric, FilterType.Int),
            new("krt_prefsrc", RouteAttribute.KrtPrefsrc, FilterType.Ip),
            new("krt_realm", RouteAttribute.KrtRealm, FilterType.Int),
            new("krt_scope", RouteAttribute.KrtScope, FilterType.Int),
            new("krt_tunnel", RouteAttribute.KrtTunnel, FilterType.String),
            new("krt_mtu", RouteAttribute.KrtMtu, FilterType.Int),
            new("krt_window", RouteAttribute.KrtWindow, FilterType.Int),
            new("krt_rtt", RouteAttribute.KrtRtt, FilterType.Int),
            new("krt_rttvar", RouteAttribute.KrtRttvar, FilterType.Int),
            new("krt_sstresh", RouteAttribute.KrtSstresh, FilterType.Int),
            new("krt_cwnd", RouteAttribute.KrtCwnd, FilterType.Int),
            new("krt_advmss", RouteAttribute.KrtAdvmss, FilterType.Int),
            new("krt_reordering", RouteAttribute.KrtReordering, FilterType.Int),
            new("krt_hoplimit", RouteAttribute.KrtHoplimit, FilterType.Int),
            new("krt_initcwnd", RouteAttribute.KrtInitcwnd, FilterType.Int),
            new("krt_features", RouteAttribute.KrtFeatures, FilterType.Int),
            new("krt_rto_min", RouteAttribute.KrtRtoMin, FilterType.Int),
            new("krt_initrwnd", RouteAttribute.KrtInitrwnd, FilterType.Int),
            new("krt_quickack", RouteAttribute.KrtQuickack, FilterType.Int),
            new("krt_lock_mtu", RouteAttribute.KrtLockMtu, FilterType.Bool),
            new("krt_lock_window", RouteAttribute.KrtLockWindow, FilterType.Bool),
            new("krt_lock_rtt", RouteAttribute.KrtLockRtt, FilterType.Bool),
            new("krt_lock_rttvar", RouteAttribute.KrtLockRttvar, FilterType.Bool),
            new("krt_lock_sstresh", RouteAttribute.KrtLockSstresh, FilterType.Bool),
            new("krt_lock_cwnd", RouteAttribute.KrtLockCwnd, FilterType.Bool),
            new("krt_lock_advmss", RouteAttribute.KrtLockAdvmss, FilterType.Bool),
            new("krt_lock_reordering", RouteAttribute.KrtLockReordering, FilterType.Bool),
            new("krt_lock_hoplimit", RouteAttribute.KrtLockHoplimit, FilterType.Bool),
            new("krt_lock_rto_min", RouteAttribute.KrtLockRtoMin, FilterType.Bool),
            new("krt_feature_ecn", RouteAttribute.KrtFeatureEcn, FilterType.Bool),
            new("krt_feature_allfrag", RouteAttribute.KrtFeatureAllfrag, FilterType.Bool),
            new("ospf_metric1", RouteAttribute.OspfMetric1, FilterType.Int),
            new("ospf_metric2", RouteAttribute.OspfMetric2, FilterType.Int),
            new("ospf_tag", RouteAttribute.OspfTag, FilterType.Int),
            new("ospf_router_id", RouteAttribute.OspfRouterId, FilterType.Quad),
            new("rip_metric", RouteAttribute.RipMetric, FilterType.Int),
            new("rip_tag", RouteAttribute.RipTag, FilterType.Int),
            new("babel_metric", RouteAttribute.BabelMetric, FilterType.Int),
        };
        return list.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public static AttributeInfo? Find(string name) => ByName.GetValueOrDefault(name);

    public static IEnumerable<AttributeInfo> All => ByName.Values;
}
