using Bgpd.Net;

namespace Bgpd.Config.Model;

/// <summary>How BGP next hops become gateways.</summary>
public enum GatewayMode { Direct, Recursive }

/// <summary>ADD-PATH (RFC 7911) directions.</summary>
[Flags]
public enum AddPathMode { Off = 0, Rx = 1, Tx = 2, On = Rx | Tx }

/// <summary>Graceful restart modes: off, aware (helper only, the default), on (full).</summary>
public enum GracefulRestartMode { Off, Aware, On }

/// <summary>BFD use for a BGP session.</summary>
public enum BfdMode { Off, On, Graceful }

/// <summary>
/// <c>protocol bgp</c> with BIRD 1.6's defaults filled in after the body is read (keepalive =
/// hold/3, multihop 64 for iBGP and direct for eBGP, gateway recursive when multihop). 2.x channel
/// options that are per family in BIRD (next hop self/keep, gateway, add paths, igp table) are
/// kept here, the last one written wins.
/// </summary>
public sealed record BgpConfig : ProtocolConfig
{
    public override ProtocolType Type => ProtocolType.Bgp;
    public IpAddress? LocalAddress { get; init; }
    public int? LocalPort { get; init; }
    /// <summary>Local AS (required: "Local AS number must be set").</summary>
    public uint LocalAs { get; init; }
    public IpAddress? NeighborAddress { get; init; }
    public int NeighborPort { get; init; } = 179;
    public uint NeighborAs { get; init; }
    /// <summary>2.x <c>interface "x"</c> or 1.6 <c>neighbor IP%iface</c>.</summary>
    public string? Interface { get; init; }
    public IpAddress? SourceAddress { get; init; }
    /// <summary>iBGP session (local AS equals neighbor AS).</summary>
    public bool IsInternal => LocalAs == NeighborAs;
    /// <summary>TTL hops: 0 means direct (single hop); iBGP defaults to 64.</summary>
    public int Multihop { get; init; }
    public bool Passive { get; init; }
    public string? Password { get; init; }
    public bool SetKey { get; init; } = true;
    public int HoldTime { get; init; } = 240;
    public int StartupHoldTime { get; init; } = 240;
    public int KeepaliveTime { get; init; } = 80;
    public int ConnectDelayTime { get; init; } = 5;
    public int ConnectRetryTime { get; init; } = 120;
    public int ErrorWaitTimeMin { get; init; } = 60;
    public int ErrorWaitTimeMax { get; init; } = 300;
    public int ErrorForgetTime { get; init; } = 300;
    public bool DisableAfterError { get; init; }
    public bool RrClient { get; init; }
    /// <summary>Route reflector cluster id (defaults to the router id when null).</summary>
    public uint? RrClusterId { get; init; }
    public bool RsClient { get; init; }
    public bool NextHopSelf { get; init; }
    public bool NextHopKeep { get; init; }
    public GatewayMode Gateway { get; init; } = GatewayMode.Direct;
    public string? IgpTable { get; init; }
    public AddPathMode AddPaths { get; init; }
    public bool PathMetric { get; init; } = true;
    public bool MedMetric { get; init; }
    public bool IgpMetric { get; init; } = true;
    public bool PreferOlder { get; init; }
    public bool DeterministicMed { get; init; }
    public uint DefaultMed { get; init; }
    public uint DefaultLocalPref { get; init; } = 100;
    public bool Capabilities { get; init; } = true;
    public bool EnableRouteRefresh { get; init; } = true;
    public bool EnableAs4 { get; init; } = true;
    public bool EnableExtendedMessages { get; init; }
    public bool InterpretCommunities { get; init; } = true;
    /// <summary><c>allow local as [N]</c>: how often our AS may appear in a received path (0 = never).</summary>
    public int AllowLocalAs { get; init; }
    public bool AllowBgpLocalPref { get; init; }
    public GracefulRestartMode GracefulRestart { get; init; } = GracefulRestartMode.Aware;
    public int GracefulRestartTime { get; init; } = 120;
    public GracefulRestartMode LongLivedGracefulRestart { get; init; } = GracefulRestartMode.Aware;
    public int LongLivedStaleTime { get; init; } = 3600;
    public bool TtlSecurity { get; init; }
    public bool CheckLink { get; init; }
    public BfdMode Bfd { get; init; }
    public uint Confederation { get; init; }
    public bool ConfederationMember { get; init; }
    /// <summary>1.6 <c>route limit N</c> (obsolete form of import limit).</summary>
    public long? RouteLimit { get; init; }
    public bool AdvertiseIpv4 { get; init; } = true;
    public bool Secondary { get; init; }
    public bool MissingLladdrSelf { get; init; } = true;
}
