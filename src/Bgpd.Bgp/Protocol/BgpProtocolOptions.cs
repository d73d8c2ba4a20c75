using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Config.Model;
using Bgpd.Net;
using WireAddPath = Bgpd.Bgp.Wire.AddPathMode;

namespace Bgpd.Bgp.Protocol;

/// <summary>Everything a BGP protocol instance needs, mapped from a `protocol bgp` block with BIRD 1.6's defaults.</summary>
public sealed record BgpProtocolOptions
{
    public required SessionOptions Session { get; init; }
    public required BgpFamily Family { get; init; }
    public int NeighborPort { get; init; } = 179;
    public IpAddress? SourceAddress { get; init; }
    /// <summary>The interface of a link-local neighbor (`neighbor fe80::1 % 'eth0'`, 2.x `interface`), or null.</summary>
    public string? Interface { get; init; }
    /// <summary>0 = direct (TTL 1); otherwise the TTL for multihop sessions.</summary>
    public int Multihop { get; init; }
    public bool TtlSecurity { get; init; }
    public string? Password { get; init; }
    public bool NextHopSelf { get; init; }
    public bool NextHopKeep { get; init; }
    public bool GatewayRecursive { get; init; }
    public bool RrClient { get; init; }
    /// <summary>`rs client`: route server for this eBGP neighbor (BIRD: no AS prepended, MED kept).</summary>
    public bool RsClient { get; init; }
    /// <summary>`interpret communities` (default on): NO_ADVERTISE, NO_EXPORT and NO_EXPORT_SUBCONFED are obeyed on export.</summary>
    public bool InterpretCommunities { get; init; } = true;
    public uint? RrClusterId { get; init; }
    public uint DefaultLocalPref { get; init; } = 100;
    public bool MedMetric { get; init; }
    /// <summary>`igp metric`: compare the IGP metric of recursive next hops in best-path selection (BIRD's default on).</summary>
    public bool IgpMetric { get; init; } = true;
    /// <summary>`default bgp_med`: the MED of routes that carry none.</summary>
    public uint DefaultMed { get; init; }
    public bool DeterministicMed { get; init; }
    public bool PreferOlder { get; init; }
    public bool PathMetric { get; init; } = true;
    public int AllowLocalAs { get; init; }
    public long? RouteLimit { get; init; }

    public bool IsInternal => Session.IsInternal;

    /// <summary>Maps a parsed config; <paramref name="routerId"/> is the effective router id.</summary>
    /// <summary>`-R`: the daemon restarts gracefully; OPENs carry the restart flag (and the forwarding bit with `graceful restart on`).</summary>
    public bool GracefulRestartRecovery { get; init; }
    /// <summary>`long lived stale time`: the longest we keep a peer's routes LLGR-stale (seconds).</summary>
    public uint LongLivedStaleTime { get; init; } = 3600;
    /// <summary>`graceful restart on` (able) rather than aware only.</summary>
    public bool GracefulRestartAble { get; init; }

    /// <summary>Maps a parsed config; <paramref name="routerId"/> is the effective router id; <paramref name="recovery"/> is bgpd's `-R`.</summary>
    public static BgpProtocolOptions FromConfig(BgpConfig c, uint routerId, bool ipv6, bool recovery = false)
    {
        // BIRD 2 sets the LLGR forwarding bits whenever the daemon restarts (-R), whatever `graceful restart` says.
        var llgrForwarding = recovery;
        recovery &= c.GracefulRestart != GracefulRestartMode.Off;
        var family = ipv6 ? BgpFamily.IPv6Unicast : BgpFamily.IPv4Unicast;
        var addPath = (c.AddPaths.HasFlag(Config.Model.AddPathMode.Rx) ? WireAddPath.Receive : WireAddPath.None)
                      | (c.AddPaths.HasFlag(Config.Model.AddPathMode.Tx) ? WireAddPath.Send : WireAddPath.None);
        var caps = SessionOptions.DefaultCapabilities([family], c.LocalAs, addPath);
        caps.RouteRefresh = c.EnableRouteRefresh;
        caps.EnhancedRouteRefresh = c.EnableRouteRefresh;
        caps.ExtendedMessages = c.EnableExtendedMessages;
        if (!c.EnableAs4) caps.FourOctetAs = null;
        caps.GracefulRestart = c.GracefulRestart switch
        {
            GracefulRestartMode.Off => null,
            GracefulRestartMode.On => new GracefulRestartCapability(recovery, false, (ushort)Math.Min(c.GracefulRestartTime, 4095), [new GracefulRestartFamily(family, recovery)]),
            _ => new GracefulRestartCapability(recovery, false, (ushort)Math.Min(c.GracefulRestartTime, 4095), []),
        };
        caps.LongLivedGracefulRestart = c.LongLivedGracefulRestart switch
        {
            GracefulRestartMode.Off => null,
            GracefulRestartMode.On => [new LongLivedGracefulRestartFamily(family, llgrForwarding, (uint)c.LongLivedStaleTime)],
            _ => [],
        };
        var multihop = c.Multihop;
        return new BgpProtocolOptions
        {
            Session = new SessionOptions
            {
                LocalAs = c.LocalAs,
                PeerAs = c.NeighborAs,
                LocalId = routerId,
                PeerAddress = c.NeighborAddress ?? default,
                Passive = c.Passive,
                HoldTime = (ushort)c.HoldTime,
                StartupHoldTime = (ushort)c.StartupHoldTime,
                // The config model stores BIRD's effective default 80; any other hold time means "hold / 3" unless set.
                KeepaliveTime = c.KeepaliveTime == 80 && c.HoldTime != 240 ? null : (ushort)c.KeepaliveTime,
                ConnectDelayTime = c.ConnectDelayTime,
                ConnectRetryTime = c.ConnectRetryTime,
                ErrorWaitTimeMin = c.ErrorWaitTimeMin,
                ErrorWaitTimeMax = c.ErrorWaitTimeMax,
                ErrorForgetTime = c.ErrorForgetTime,
                DisableAfterError = c.DisableAfterError,
                SendCapabilities = c.Capabilities,
                Capabilities = caps,
            },
            Family = family,
            NeighborPort = c.NeighborPort,
            SourceAddress = c.SourceAddress,
            Interface = c.Interface,
            Multihop = multihop,
            TtlSecurity = c.TtlSecurity,
            Password = c.Password,
            NextHopSelf = c.NextHopSelf,
            NextHopKeep = c.NextHopKeep,
            GatewayRecursive = c.Gateway == GatewayMode.Recursive,
            RrClient = c.RrClient,
            RsClient = c.RsClient,
            InterpretCommunities = c.InterpretCommunities,
            RrClusterId = c.RrClusterId,
            DefaultLocalPref = c.DefaultLocalPref,
            MedMetric = c.MedMetric,
            IgpMetric = c.IgpMetric,
            DefaultMed = c.DefaultMed,
            DeterministicMed = c.DeterministicMed,
            PreferOlder = c.PreferOlder,
            PathMetric = c.PathMetric,
            AllowLocalAs = c.AllowLocalAs,
            RouteLimit = c.RouteLimit,
            GracefulRestartRecovery = recovery,
            LongLivedStaleTime = (uint)Math.Max(0, c.LongLivedStaleTime),
            GracefulRestartAble = c.GracefulRestart == GracefulRestartMode.On,
        };
    }
}
