namespace Bgpd.Rib.Attributes;

/// <summary>The kind of value an extended attribute holds (BIRD's EAF_TYPE_*, plus Calico's string).</summary>
public enum EaType : byte
{
    /// <summary>32-bit unsigned integer (EAF_TYPE_INT).</summary>
    Int,
    /// <summary>Opaque byte string (EAF_TYPE_OPAQUE), printed as hex bytes.</summary>
    Opaque,
    /// <summary>IP address (EAF_TYPE_IP_ADDRESS).</summary>
    Ip,
    /// <summary>IPv6 BGP next hop pair: global + link-local.</summary>
    IpPair,
    /// <summary>Router id, printed dotted (EAF_TYPE_ROUTER_ID).</summary>
    RouterId,
    /// <summary>BGP AS path (EAF_TYPE_AS_PATH).</summary>
    AsPath,
    /// <summary>Bit field (EAF_TYPE_BITFIELD), e.g. krt_lock_*.</summary>
    Bitfield,
    /// <summary>Set of u32 (EAF_TYPE_INT_SET): communities, cluster list.</summary>
    IntSet,
    /// <summary>Set of u64 extended communities (EAF_TYPE_EC_SET).</summary>
    EcSet,
    /// <summary>Set of large communities (EAF_TYPE_LC_SET).</summary>
    LcSet,
    /// <summary>String (Calico's EAF_TYPE_STRING, krt_tunnel).</summary>
    String,
}
