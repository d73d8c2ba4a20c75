namespace Bgpd.Rib.Attributes;

/// <summary>
/// Extended attribute ids, numbered as BIRD's EA_CODE(protocol class, id): class 0x01 = BGP (id = BGP
/// attribute type code), 0x04 = kernel (sysdep/linux/krt-sys.h). Unknown BGP attributes use
/// 0x0100 | type code (see <see cref="EaIds.Bgp"/>). The list order of an <see cref="EaList"/> is this numeric order.
/// </summary>
public enum EaId : ushort
{
    /// <summary>bgp_origin (int: 0 IGP, 1 EGP, 2 Incomplete).</summary>
    BgpOrigin = 0x0101,
    /// <summary>bgp_path (as-path).</summary>
    BgpAsPath = 0x0102,
    /// <summary>bgp_next_hop (ip, or ip pair for IPv6 global + link-local).</summary>
    BgpNextHop = 0x0103,
    /// <summary>bgp_med (int).</summary>
    BgpMed = 0x0104,
    /// <summary>bgp_local_pref (int).</summary>
    BgpLocalPref = 0x0105,
    /// <summary>bgp_atomic_aggr (opaque, empty).</summary>
    BgpAtomicAggr = 0x0106,
    /// <summary>bgp_aggregator (opaque: AS + router id).</summary>
    BgpAggregator = 0x0107,
    /// <summary>bgp_community (clist of (asn,value) pairs packed as u32).</summary>
    BgpCommunity = 0x0108,
    /// <summary>bgp_originator_id (router id).</summary>
    BgpOriginatorId = 0x0109,
    /// <summary>bgp_cluster_list (int set of router ids).</summary>
    BgpClusterList = 0x010A,
    /// <summary>bgp_ext_community (eclist, u64 each).</summary>
    BgpExtCommunity = 0x0110,
    /// <summary>AS4_PATH (transit only).</summary>
    BgpAs4Path = 0x0111,
    /// <summary>AS4_AGGREGATOR (transit only).</summary>
    BgpAs4Aggregator = 0x0112,
    /// <summary>bgp_large_community (lclist of 3 x u32).</summary>
    BgpLargeCommunity = 0x0120,

    /// <summary>krt_source: kernel route protocol number (int).</summary>
    KrtSource = 0x0400,
    /// <summary>krt_metric: kernel route priority (int).</summary>
    KrtMetric = 0x0401,
    /// <summary>krt_prefsrc (ip).</summary>
    KrtPrefSrc = 0x0410,
    /// <summary>krt_realm (int).</summary>
    KrtRealm = 0x0411,
    /// <summary>krt_scope (int, kernel RT_SCOPE_* value).</summary>
    KrtScope = 0x0412,
    /// <summary>krt_tunnel (string): Calico fork only; route goes `via X dev &lt;tunnel&gt; onlink`.</summary>
    KrtTunnel = 0x0413,
    /// <summary>krt_lock_* bits (bitfield, bit n = RTAX n).</summary>
    KrtLock = 0x0421,
    /// <summary>krt_mtu (int).</summary>
    KrtMtu = 0x0422,
    /// <summary>krt_window (int).</summary>
    KrtWindow = 0x0423,
    /// <summary>krt_rtt (int).</summary>
    KrtRtt = 0x0424,
    /// <summary>krt_rttvar (int).</summary>
    KrtRttVar = 0x0425,
    /// <summary>krt_sstresh (int; BIRD's spelling).</summary>
    KrtSsthresh = 0x0426,
    /// <summary>krt_cwnd (int).</summary>
    KrtCwnd = 0x0427,
    /// <summary>krt_advmss (int).</summary>
    KrtAdvMss = 0x0428,
    /// <summary>krt_reordering (int).</summary>
    KrtReordering = 0x0429,
    /// <summary>krt_hoplimit (int).</summary>
    KrtHopLimit = 0x042A,
    /// <summary>krt_initcwnd (int).</summary>
    KrtInitCwnd = 0x042B,
    /// <summary>krt_feature_* bits (bitfield: bit 0 ecn, bit 3 allfrag).</summary>
    KrtFeatures = 0x042C,
    /// <summary>krt_rto_min (int).</summary>
    KrtRtoMin = 0x042D,
    /// <summary>krt_initrwnd (int).</summary>
    KrtInitRwnd = 0x042E,
    /// <summary>krt_quickack (int).</summary>
    KrtQuickAck = 0x042F,
}

/// <summary>Helpers over <see cref="EaId"/> codes.</summary>
public static class EaIds
{
    /// <summary>EAP_BGP protocol class.</summary>
    public const int ClassBgp = 1;
    /// <summary>EAP_KRT protocol class.</summary>
    public const int ClassKernel = 4;

    /// <summary>The id of the BGP path attribute with wire type <paramref name="typeCode"/> (known or not).</summary>
    public static EaId Bgp(byte typeCode) => (EaId)((ClassBgp << 8) | typeCode);

    /// <summary>Protocol class (high byte): 1 BGP, 4 kernel.</summary>
    public static int Class(this EaId id) => (ushort)id >> 8;

    /// <summary>Protocol-specific id (low byte), for BGP the attribute type code.</summary>
    public static byte Code(this EaId id) => (byte)id;
}
