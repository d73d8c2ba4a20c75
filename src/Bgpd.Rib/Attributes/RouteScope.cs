namespace Bgpd.Rib.Attributes;

/// <summary>Route scope, numbered as BIRD's SCOPE_* constants (lib/ip.h); not the kernel's RT_SCOPE_*.</summary>
public enum RouteScope : byte
{
    /// <summary>SCOPE_HOST ("host").</summary>
    Host = 0,
    /// <summary>SCOPE_LINK ("link").</summary>
    Link = 1,
    /// <summary>SCOPE_SITE ("site").</summary>
    Site = 2,
    /// <summary>SCOPE_ORGANIZATION ("org").</summary>
    Organization = 3,
    /// <summary>SCOPE_UNIVERSE ("univ"): the default for routes.</summary>
    Universe = 4,
    /// <summary>SCOPE_UNDEFINED ("undef").</summary>
    Undefined = 5,
}
