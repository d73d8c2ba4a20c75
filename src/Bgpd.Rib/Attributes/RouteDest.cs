namespace Bgpd.Rib.Attributes;

/// <summary>What a route does with packets, numbered as BIRD 1.6's RTD_* constants (nest/route.h).</summary>
public enum RouteDest : byte
{
    /// <summary>RTD_ROUTER: forward to a gateway (2.x calls this "unicast").</summary>
    Router = 0,
    /// <summary>RTD_DEVICE: send out of an interface, no gateway.</summary>
    Device = 1,
    /// <summary>RTD_BLACKHOLE: drop silently.</summary>
    Blackhole = 2,
    /// <summary>RTD_UNREACHABLE: drop with ICMP unreachable.</summary>
    Unreachable = 3,
    /// <summary>RTD_PROHIBIT: drop with ICMP administratively prohibited.</summary>
    Prohibit = 4,
    /// <summary>RTD_MULTIPATH: several weighted next hops.</summary>
    Multipath = 5,
    /// <summary>RTD_NONE: invalid destination.</summary>
    None = 6,
}
