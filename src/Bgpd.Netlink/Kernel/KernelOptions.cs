using Bgpd.Rib.Protocols;

namespace Bgpd.Netlink.Kernel;

/// <summary>Options of the kernel protocol (BIRD's <c>protocol kernel</c>), defaults as BIRD 1.6.</summary>
public sealed record KernelOptions
{
    /// <summary><c>kernel table N</c> (default main, 254).</summary>
    public uint KernelTable { get; init; } = 254;
    /// <summary><c>metric N</c>: RTA_PRIORITY of installed routes; 0 (1.6 default) uses the route's krt_metric.</summary>
    public uint Metric { get; init; }
    /// <summary><c>learn</c>: import alien kernel routes.</summary>
    public bool Learn { get; init; }
    /// <summary><c>persist</c>: leave our routes in the kernel when the protocol stops.</summary>
    public bool Persist { get; init; }
    /// <summary>1.6 <c>device routes</c>: also export device (interface-only) routes of the direct protocol.</summary>
    public bool DeviceRoutes { get; init; }
    /// <summary><c>scan time</c> in seconds (default 60).</summary>
    public int ScanTimeSeconds { get; init; } = 60;
    /// <summary><c>merge paths</c>: export equal BGP paths of a network as one multipath route.</summary>
    public bool MergePaths { get; init; }
    /// <summary><c>merge paths ... limit N</c> (default 16).</summary>
    public int MergePathsLimit { get; init; } = 16;
    /// <summary><c>graceful restart</c>: when the daemon starts with <c>-R</c>, keep stale routes until recovery ends.</summary>
    public bool GracefulRestart { get; init; }
    public ChannelOptions Channel { get; init; } = new();
}
