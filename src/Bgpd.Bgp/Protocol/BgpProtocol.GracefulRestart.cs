using Bgpd.Bgp.Session;
using Bgpd.Rib;
using Bgpd.Rib.Protocols;

namespace Bgpd.Bgp.Protocol;

/// <summary>
/// Graceful restart of the peer (RFC 4724), receiving side, as BIRD 1.6 does it: when the connection
/// of a GR-capable peer fails (or its hold timer expires, or it connects again while we still think the
/// session is up), its routes stay in the table marked stale and the restart timer (the peer's
/// restart time) runs. On the new session the routes it sends again lose the mark; its End-of-RIB
/// flushes those still stale. A peer that comes back without GR or without the forwarding-state bit
/// for our family is flushed at once. The restart timer expiring (without LLGR) restarts the protocol
/// as BIRD's bgp_graceful_restart_timeout does (bgp_stop): the stale routes are flushed, half-open
/// connections get a Cease, and the protocol starts again (new `since`, statistics reset, the connect
/// delay runs again) keeping its last error.
/// </summary>
public sealed partial class BgpProtocol
{
    private ITimer? _restartTimer;
    private long _restartArmedAt;
    private int _restartSeconds;

    /// <summary>BIRD gr_active: the peer's routes are held as stale, waiting for its End-of-RIB.</summary>
    public bool GracefulRestartActive { get; private set; }

    /// <summary>Seconds left on the restart timer (while the session is down), or null.</summary>
    public int? RestartTimerLeft => _restartTimer is null ? null : SecondsLeft(_restartArmedAt, _restartSeconds);

    /// <summary>Whole seconds left, rounded up, of a timer of <paramref name="seconds"/> armed at <paramref name="armedAt"/>.</summary>
    private int SecondsLeft(long armedAt, double seconds) =>
        Math.Max(0, (int)Math.Ceiling(seconds - Loop.Time.GetElapsedTime(armedAt).TotalSeconds));

    private void OnSessionDown(SessionAction.SessionDown down)
    {
        ClearExportState();
        _exportsHeld = false;
        var restartTime = down.Negotiated?.Peer.GracefulRestart is { } peer && peer.Families.Any(f => f.Family == Options.Family) ? peer.RestartTime : (int?)null;
        var staleTime = down.Negotiated is { } n ? LongLivedStaleTimeFor(n) : null;
        if (down.GracefulRestart && State == ProtocolState.Up && MainChannel is { } channel && (restartTime is not null || staleTime is not null))
        {
            Trace(ProtocolDebug.Events, $"Neighbor graceful restart detected{(GracefulRestartActive ? " - already pending" : "")}");
            _longLivedStaleTime = staleTime;
            Trace(ProtocolDebug.States, "State changed to start");
            SetState(ProtocolState.Start, keepRoutes: true);
            if (LongLivedStaleActive)
            {
                // Already long-lived stale: the routes of the last session join them; the stale timer runs on.
                channel.BeginRefresh();
                channel.ModifyStale(MarkLongLivedStale);
                return;
            }
            // Restarting again before the last End-of-RIB: what is still stale from then goes now.
            if (GracefulRestartActive) channel.EndRefresh();
            GracefulRestartActive = true;
            channel.BeginRefresh();
            // A peer with LLGR but no GR for our family goes long-lived stale at once (restart time 0).
            ArmRestartTimer(restartTime ?? 0);
            return;
        }
        EndGracefulRestartState();
        if (State != ProtocolState.Up) return;
        // BIRD stops the protocol and starts it again (bgp_stop, bgp_down, the core's restart): the
        // same trace lines, the route change counters from zero, the configured source address.
        Trace(ProtocolDebug.States, "State changed to stop");
        SetState(ProtocolState.Start);
        ResetChannelsForRestart();
        Trace(ProtocolDebug.Events, "Down");
        Trace(ProtocolDebug.States, "State changed to down");
        Trace(ProtocolDebug.States, "Starting");
        Trace(ProtocolDebug.States, "State changed to start");
        _traceSource = Options.SourceAddress;
        Trace(ProtocolDebug.Events, "Started");
    }

    /// <summary>On the new session: the restart timer stops; without the peer's GR and forwarding bit for our family the stale routes go now.</summary>
    private void GracefulRestartOnEstablished(NegotiatedSession negotiated)
    {
        if (!GracefulRestartActive) return;
        StopRestartTimer();
        var kept = LongLivedStaleActive
            ? negotiated.Peer.LongLivedGracefulRestart?.Any(f => f.Family == Options.Family && f.ForwardingPreserved) ?? false
            : negotiated.Peer.GracefulRestart?.Families.Any(f => f.Family == Options.Family && f.ForwardingPreserved) ?? false;
        if (!kept) GracefulRestartDone();
    }

    /// <summary>BIRD bgp_graceful_restart_done: routes still stale are withdrawn.</summary>
    private void GracefulRestartDone()
    {
        if (!GracefulRestartActive) return;
        EndGracefulRestartState();
        Trace(ProtocolDebug.Events, "Neighbor graceful restart done");
        MainChannel?.EndRefresh();
    }

    private void OnRestartTimeout()
    {
        if (_restartTimer is null || !GracefulRestartActive) return;
        Trace(ProtocolDebug.Events, "Neighbor graceful restart timeout");
        if (_longLivedStaleTime is { } staleTime)
        {
            StopRestartTimer();
            EnterLongLivedStale(staleTime);
            return;
        }
        EndGracefulRestartState();
        RestartAfterTimeout();
    }

    /// <summary>
    /// BIRD bgp_stop(p, 0) from the restart timer, then the core starting the protocol again because it
    /// is not disabled: the kept routes go with the stop, the error that ended the session stays.
    /// </summary>
    private void RestartAfterTimeout()
    {
        var lastError = Session.LastError;
        Execute(Session.Handle(new SessionEvent.Stop(0)));
        Session.SetLastError(lastError);
        Trace(ProtocolDebug.States, "State changed to stop");
        SetState(ProtocolState.Stop);
        _listener?.Unregister(Options.Session.PeerAddress, Options.Password is not null, _listenerScope);
        _timers.Dispose();
        ReleaseRecoveryLock();
        Trace(ProtocolDebug.Events, "Down");
        SetState(ProtocolState.Down);
        Start();
    }

    private void EndGracefulRestartState()
    {
        GracefulRestartActive = false;
        LongLivedStaleActive = false;
        _longLivedStaleTime = null;
        StopRestartTimer();
        StopStaleTimer();
    }

    private void ArmRestartTimer(int seconds)
    {
        StopRestartTimer();
        _restartSeconds = seconds;
        _restartArmedAt = Loop.Time.GetTimestamp();
        ITimer? timer = null;
        timer = Loop.Time.CreateTimer(_ => Loop.Post(() =>
        {
            if (ReferenceEquals(_restartTimer, timer)) OnRestartTimeout();
        }), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
        _restartTimer = timer;
    }

    private void StopRestartTimer()
    {
        _restartTimer?.Dispose();
        _restartTimer = null;
    }
}
