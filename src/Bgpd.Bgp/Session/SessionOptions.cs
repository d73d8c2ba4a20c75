using Bgpd.Bgp.Wire;
using Bgpd.Net;

namespace Bgpd.Bgp.Session;

/// <summary>What the session FSM needs from a `protocol bgp` block; defaults are BIRD 1.6's.</summary>
public sealed record SessionOptions
{
    public required uint LocalAs { get; init; }
    public required uint PeerAs { get; init; }
    /// <summary>Our BGP identifier (router id) in host order.</summary>
    public required uint LocalId { get; init; }
    public IpAddress PeerAddress { get; init; }
    public bool Passive { get; init; }
    public ushort HoldTime { get; init; } = 240;
    public ushort StartupHoldTime { get; init; } = 240;
    /// <summary>Null means hold time / 3, as BIRD does.</summary>
    public ushort? KeepaliveTime { get; init; }
    public int ConnectDelayTime { get; init; } = 5;
    public int ConnectRetryTime { get; init; } = 120;
    public int ErrorWaitTimeMin { get; init; } = 60;
    public int ErrorWaitTimeMax { get; init; } = 300;
    public int ErrorForgetTime { get; init; } = 300;
    public bool DisableAfterError { get; init; }
    /// <summary>RFC 9687 send hold time; null means max(8 minutes, 2 x negotiated hold time).</summary>
    public TimeSpan? SendHoldTime { get; init; }
    /// <summary>False for BIRD's `capabilities off`: an OPEN without any capability.</summary>
    public bool SendCapabilities { get; init; } = true;
    /// <summary>The capabilities we advertise (families, refresh, AS4, ADD-PATH, GR...).</summary>
    public BgpCapabilities Capabilities { get; init; } = DefaultCapabilities([BgpFamily.IPv4Unicast], 0);

    public bool IsInternal => LocalAs == PeerAs;

    /// <summary>BIRD's default capability set for the given families: refresh, enhanced refresh, AS4, GR aware, LLGR aware.</summary>
    public static BgpCapabilities DefaultCapabilities(IReadOnlyList<BgpFamily> families, uint localAs, AddPathMode addPath = AddPathMode.None) => new()
    {
        Multiprotocol = [.. families],
        RouteRefresh = true,
        EnhancedRouteRefresh = true,
        FourOctetAs = localAs,
        GracefulRestart = new GracefulRestartCapability(false, false, 120, []),
        LongLivedGracefulRestart = [],
        AddPath = addPath == AddPathMode.None ? [] : families.Select(f => new AddPathFamily(f, addPath)).ToList(),
    };
}
