using Bgpd.Bgp.Session;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Protocol;

/// <summary>
/// Long-lived graceful restart (RFC 9494), receiving side, as BIRD 2 does it: when the restart timer of
/// a peer that offered LLGR for our family runs out (at once for a peer with LLGR but no GR), its stale
/// routes get the LLGR_STALE community (those with NO_LLGR are withdrawn) and stay for the long-lived
/// stale time (the peer's, capped by our `long lived stale time`). LLGR-stale routes lose against any
/// other in best-path selection and are not sent to peers that do not speak LLGR. The new session's
/// End-of-RIB (or the stale timer) ends it as for graceful restart.
/// </summary>
public sealed partial class BgpProtocol
{
    /// <summary>RFC 9494 well-known communities.</summary>
    public const uint LlgrStaleCommunity = 0xFFFF0006, NoLlgrCommunity = 0xFFFF0007;

    private uint? _longLivedStaleTime;
    private ITimer? _staleTimer;
    private long _staleArmedAt;
    private uint _staleSeconds;

    /// <summary>True while the peer's routes are held LLGR-stale (BIRD's BGP_GRS_LLGR).</summary>
    public bool LongLivedStaleActive { get; private set; }

    /// <summary>Seconds left on the long-lived stale timer, or null.</summary>
    public int? StaleTimerLeft => _staleTimer is null ? null : SecondsLeft(_staleArmedAt, _staleSeconds);

    /// <summary>The long-lived stale time agreed for a session that dropped, or null when the peer has no LLGR for our family.</summary>
    private uint? LongLivedStaleTimeFor(NegotiatedSession negotiated)
    {
        if (negotiated.Local.LongLivedGracefulRestart is null || negotiated.Peer.LongLivedGracefulRestart is not { } peer) return null;
        foreach (var family in peer)
            if (family.Family == Options.Family) return Math.Min(family.StaleTime, Options.LongLivedStaleTime);
        return null;
    }

    /// <summary>The restart timer ran out with LLGR agreed: tag the stale routes and start the stale timer.</summary>
    private void EnterLongLivedStale(uint seconds)
    {
        if (MainChannel is not { } channel) return;
        Loop.Log(RibLogLevel.Trace, $"{Name}: Long-lived graceful restart active");
        LongLivedStaleActive = true;
        channel.ModifyStale(MarkLongLivedStale);
        StopStaleTimer();
        _staleSeconds = seconds;
        _staleArmedAt = Loop.Time.GetTimestamp();
        ITimer? timer = null;
        timer = Loop.Time.CreateTimer(_ => Loop.Post(() =>
        {
            if (!ReferenceEquals(_staleTimer, timer) || !GracefulRestartActive) return;
            Loop.Log(RibLogLevel.Trace, $"{Name}: Long-lived stale timeout");
            EndGracefulRestartState();
            MainChannel?.EndRefresh();
        }), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
        _staleTimer = timer;
    }

    /// <summary>BIRD bgp_rte_modify_stale: NO_LLGR routes go, the others carry LLGR_STALE.</summary>
    private RouteAttributes? MarkLongLivedStale(RouteAttributes attributes)
    {
        var communities = attributes.TryGet(EaId.BgpCommunity, out var value) ? value.AsIntSet : [];
        if (communities.Contains(NoLlgrCommunity)) return null;
        if (communities.Contains(LlgrStaleCommunity)) return attributes;
        var flags = attributes.Attributes.Find(EaId.BgpCommunity)?.Flags ?? Wire.AttributeFlags.OptionalTransitive;
        return attributes.WithAttributes(Loop.Attributes.InternList(
            attributes.Attributes.With(EaId.BgpCommunity, EaValue.IntSet(communities.Add(LlgrStaleCommunity)), flags)));
    }

    /// <summary>True for a route tagged LLGR_STALE (BIRD rte_stale).</summary>
    internal static bool IsLongLivedStale(Route route) =>
        route.Attributes.TryGet(EaId.BgpCommunity, out var value) && value.AsIntSet.Contains(LlgrStaleCommunity);

    private void StopStaleTimer()
    {
        _staleTimer?.Dispose();
        _staleTimer = null;
    }
}
