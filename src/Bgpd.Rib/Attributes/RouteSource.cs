namespace Bgpd.Rib.Attributes;

/// <summary>Where a route came from, numbered as BIRD's RTS_* constants (nest/route.h).</summary>
public enum RouteSource : byte
{
    /// <summary>RTS_DUMMY: placeholder route.</summary>
    Dummy = 0,
    /// <summary>RTS_STATIC: static route via a gateway, or blackhole/unreachable/prohibit.</summary>
    Static = 1,
    /// <summary>RTS_INHERIT: route learned from the kernel table.</summary>
    Inherit = 2,
    /// <summary>RTS_DEVICE: connected network of an interface (direct protocol).</summary>
    Device = 3,
    /// <summary>RTS_STATIC_DEVICE: static route to an interface.</summary>
    StaticDevice = 4,
    /// <summary>RTS_REDIRECT: learned from an ICMP redirect.</summary>
    Redirect = 5,
    /// <summary>RTS_RIP.</summary>
    Rip = 6,
    /// <summary>RTS_OSPF: intra-area.</summary>
    Ospf = 7,
    /// <summary>RTS_OSPF_IA: inter-area.</summary>
    OspfIa = 8,
    /// <summary>RTS_OSPF_EXT1: external type 1.</summary>
    OspfExt1 = 9,
    /// <summary>RTS_OSPF_EXT2: external type 2.</summary>
    OspfExt2 = 10,
    /// <summary>RTS_BGP.</summary>
    Bgp = 11,
    /// <summary>RTS_PIPE: route re-originated by an opaque pipe.</summary>
    Pipe = 12,
    /// <summary>RTS_BABEL (BIRD 1.6.x and later).</summary>
    Babel = 13,
}
