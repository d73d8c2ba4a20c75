namespace Bgpd.Rib.Static;

/// <summary>The forms of a static route (`route PREFIX ...`).</summary>
public enum StaticRouteKind : byte
{
    /// <summary>`via 10.0.0.1` or `via 10.0.0.1%eth0`.</summary>
    Gateway,
    /// <summary>`via "eth0"`: device route.</summary>
    Interface,
    /// <summary>`multipath via A weight N via B ...`.</summary>
    Multipath,
    /// <summary>`recursive 10.0.0.1`: next hop resolved through a table.</summary>
    Recursive,
    /// <summary>`blackhole` (2.x also `drop`).</summary>
    Blackhole,
    /// <summary>`unreachable`.</summary>
    Unreachable,
    /// <summary>`prohibit`.</summary>
    Prohibit,
}
