using Bgpd.Config.Filters;

namespace Bgpd.Config.Parsing;

/// <summary>Route attribute names the filter language knows, by kind.</summary>
internal static class Attributes
{
    private static readonly HashSet<string> Static16 = ["from", "gw", "net", "proto", "source", "scope", "cast", "dest", "ifname", "ifindex"];
    private static readonly HashSet<string> Static2 = ["from", "gw", "net", "proto", "source", "scope", "dest", "ifname", "ifindex", "weight", "gw_mpls", "onlink", "igp_metric"];

    private static readonly HashSet<string> Bgp =
    [
        "bgp_origin", "bgp_path", "bgp_next_hop", "bgp_med", "bgp_local_pref", "bgp_atomic_aggr", "bgp_aggregator",
        "bgp_community", "bgp_originator_id", "bgp_cluster_list", "bgp_ext_community", "bgp_large_community",
    ];

    private static readonly HashSet<string> Bgp2Only = ["bgp_aigp", "bgp_otc", "bgp_mp_reach_nlri", "bgp_mp_unreach_nlri", "bgp_as4_path", "bgp_as4_aggregator"];

    private static readonly HashSet<string> Kernel =
    [
        "krt_source", "krt_metric", "krt_prefsrc", "krt_realm", "krt_scope", "krt_mtu", "krt_window", "krt_rtt", "krt_rttvar",
        "krt_sstresh", "krt_cwnd", "krt_advmss", "krt_reordering", "krt_hoplimit", "krt_initcwnd", "krt_rto_min",
        "krt_initrwnd", "krt_quickack", "krt_lock_mtu", "krt_lock_window", "krt_lock_rtt", "krt_lock_rttvar",
        "krt_lock_sstresh", "krt_lock_cwnd", "krt_lock_advmss", "krt_lock_reordering", "krt_lock_hoplimit",
        "krt_lock_rto_min", "krt_feature_ecn", "krt_feature_allfrag", "krt_congctl", "krt_fastopen_no_cookie",
        // Calico's BIRD fork: the tunnel device for IPIP routes.
        "krt_tunnel",
    ];

    private static readonly HashSet<string> Other =
    [
        "ospf_metric1", "ospf_metric2", "ospf_tag", "ospf_router_id", "rip_metric", "rip_tag", "babel_metric",
    ];

    public static AttributeKind? Kind(string name, bool bird2)
    {
        if (Other.Contains(name)) return AttributeKind.Other;
        if ((bird2 ? Static2 : Static16).Contains(name)) return AttributeKind.Static;
        if (Bgp.Contains(name) || (bird2 && Bgp2Only.Contains(name))) return AttributeKind.Bgp;
        if (Kernel.Contains(name)) return AttributeKind.Kernel;
        return null;
    }
}
