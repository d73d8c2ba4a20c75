using Bgpd.Bgp.Wire;
using Microsoft.Extensions.Logging;

namespace Bgpd.Bgp.Session;

/// <summary>Stopping, errors and connection loss: NOTIFICATIONs, the error wait, and starting again.</summary>
public sealed partial class BgpSession
{
    private void OnStop(byte subcode, string? message)
    {
        if (!Running) return;
        var data = message is null ? ReadOnlyMemory<byte>.Empty : ShutdownCommunication.Encode(message);
        Running = false;
        _delayingStart = false;
        Cancel(SessionTimer.StartupDelay, _outgoing);
        CloseAll(new BgpError(BgpError.Codes.Cease, subcode, data));
    }

    // BIRD bgp_graceful_close_conn: connections that exchanged OPENs get a Cease, the rest just stop.
    private void CloseAll(BgpError cease)
    {
        foreach (var c in new[] { _outgoing, _incoming })
        {
            switch (c.State)
            {
                case BgpState.OpenSent or BgpState.OpenConfirm or BgpState.Established:
                    SendNotificationAndClose(c, cease);
                    break;
                case BgpState.Connect or BgpState.Active:
                    GoIdle(c, closeSocket: c.State == BgpState.Connect);
                    break;
            }
        }
    }

    private void OnSocketError(Connection c, string error)
    {
        if (c.State == BgpState.Idle) return;
        if (c.State == BgpState.Close)
        {
            GoIdle(c, closeSocket: false);
            return;
        }
        Log(LogLevel.Debug, error == SocketErrorText.ConnectionClosed ? "Connection closed" : $"Connection lost ({error})");
        StoreError(c, new SessionError(SessionErrorClass.Socket, error));
        var wasEstablished = c.State == BgpState.Established;
        var negotiated = c.Negotiated;
        GoIdle(c, closeSocket: true);
        if (wasEstablished) LeaveEstablished(GracefulRestartReady(negotiated), negotiated);
        else Decide();
    }

    private void GoIdle(Connection c, bool closeSocket)
    {
        Cancel(SessionTimer.Hold, c);
        Cancel(SessionTimer.Keepalive, c);
        Cancel(SessionTimer.SendHold, c);
        if (c.Side == ConnectionSide.Outgoing) Cancel(SessionTimer.ConnectRetry, c);
        if (closeSocket && c.State != BgpState.Active) Emit(new SessionAction.Close(c.Side));
        c.Reset();
        SetState(c, BgpState.Idle);
    }

    // BIRD bgp_decision: with nothing in progress outside, start connecting again. Only while the
    // protocol is starting: with a session Established nothing is started beside it.
    private void Decide()
    {
        if (Running && !_delayingStart && !Options.Passive && EstablishedConnection is null
            && _outgoing.State == BgpState.Idle && _incoming.State != BgpState.OpenConfirm)
            GoActive();
    }

    // BIRD bgp_store_error: while a session is Established, errors of the other connection are not
    // the session's (a collision's loser closing must not show as the last error).
    private void StoreError(Connection c, SessionError error)
    {
        if (EstablishedConnection is { } up && up != c) return;
        LastError = error;
    }

    // BIRD: leaving Established stops the protocol, which then starts again (after the error wait).
    private void LeaveEstablished(bool gracefulRestart = false, NegotiatedSession? negotiated = null)
    {
        // BIRD detects a graceful restart before the connection leaves Established, a plain loss after.
        if (gracefulRestart) Emit(new SessionAction.SessionDown(LastError, gracefulRestart, negotiated));
        Log(LogLevel.Debug, "BGP session closed");
        if (!gracefulRestart) Emit(new SessionAction.SessionDown(LastError, gracefulRestart, negotiated));
        foreach (var c in new[] { _outgoing, _incoming })
            if (c.State is BgpState.OpenSent or BgpState.OpenConfirm) SendNotificationAndClose(c, BgpError.Cease(0));
            else if (c.State is BgpState.Connect or BgpState.Active) GoIdle(c, closeSocket: c.State == BgpState.Connect);
        if (Running) StartOrDelay();
    }

    /// <summary>
    /// BIRD gr_ready / llgr_ready: we speak (long-lived) graceful restart and the peer said it can
    /// restart for a family of this session, so a lost connection keeps its routes as stale.
    /// </summary>
    private bool GracefulRestartReady(NegotiatedSession? negotiated) =>
        negotiated is not null && Options.SendCapabilities &&
        ((negotiated is { Local.GracefulRestart: not null, Peer.GracefulRestart: { } peer } && peer.Families.Any(f => negotiated.Families.Contains(f.Family))) ||
         (negotiated is { Local.LongLivedGracefulRestart: not null, Peer.LongLivedGracefulRestart: { } llgr } && llgr.Any(f => negotiated.Families.Contains(f.Family))));

    /// <summary>BIRD 1.6 bgp_hold_timeout with a GR-ready peer: no NOTIFICATION, the connection just goes.</summary>
    private bool HoldExpiredForGracefulRestart(Connection c)
    {
        if (c.State != BgpState.Established || !GracefulRestartReady(c.Negotiated)) return false;
        Log(LogLevel.Debug, "Hold timer expired");
        var negotiated = c.Negotiated;
        GoIdle(c, closeSocket: true);
        LeaveEstablished(gracefulRestart: true, negotiated);
        return true;
    }

    /// <summary>
    /// BIRD 1.6 bgp_incoming_connection: a new connection from a GR-ready peer whose session is still
    /// Established means the peer restarted; the old session goes (its routes kept as stale).
    /// </summary>
    private void RestartedPeerConnects()
    {
        if (EstablishedConnection is not { } up || !GracefulRestartReady(up.Negotiated)) return;
        LastError = new SessionError(SessionErrorClass.Misc, "Graceful restart");
        var negotiated = up.Negotiated;
        GoIdle(up, closeSocket: true);
        LeaveEstablished(gracefulRestart: true, negotiated);
    }

    // BIRD bgp_update_startup_delay: the error wait doubles from min to max, forgotten after `error forget time`.
    private void CountError()
    {
        ForgetOldErrors();
        if (Options.DisableAfterError)
        {
            _startupDelay = 0;
            Running = false;
            DisabledByError = true;
            Emit(new SessionAction.Disabled(LastError));
            return;
        }
        _startupDelay = _startupDelay == 0 ? Options.ErrorWaitTimeMin : Math.Min(2 * _startupDelay, Options.ErrorWaitTimeMax);
    }

    private void ForgetOldErrors()
    {
        var now = _time.GetTimestamp();
        if (_lastErrorAt is { } last && _time.GetElapsedTime(last, now).TotalSeconds >= Options.ErrorForgetTime) _startupDelay = 0;
        _lastErrorAt = now;
    }

    /// <summary>BIRD's bgp_shutdown for an operator's or the config's stop: the next start does not wait.</summary>
    public void ForgetErrorWait() => _startupDelay = 0;

    /// <summary>
    /// BIRD's bgp_shutdown for a route limit with action restart (bgp_update_startup_delay): the start
    /// that follows waits out the error wait, which doubles as for any error. Call before the restart.
    /// </summary>
    public void CountLimitRestart()
    {
        ForgetOldErrors();
        _startupDelay = _startupDelay == 0 ? Options.ErrorWaitTimeMin : Math.Min(2 * _startupDelay, Options.ErrorWaitTimeMax);
    }

    /// <summary>We found an error: NOTIFICATION, close, and (except for Cease) count it and restart the session.</summary>
    private void OnLocalError(Connection c, BgpError error)
    {
        if (c.State is BgpState.Idle or BgpState.Close) return;
        Emit(new SessionAction.Log(LogLevel.Warning, $"Error: {BgpErrorText.Format(error)}", Remote: true));
        StoreError(c, new SessionError(SessionErrorClass.Sent, BgpErrorText.Describe(error.Code, error.Subcode)));
        var wasEstablished = c.State == BgpState.Established;
        SendNotificationAndClose(c, error);
        if (error.Code != BgpError.Codes.Cease) Fail(wasEstablished);
        else if (wasEstablished) LeaveEstablished();
        else Decide();
    }

    private void Fail(bool wasEstablished)
    {
        CountError();
        if (!wasEstablished && EstablishedConnection is { } up)
        {
            // BIRD bgp_error stops the whole protocol, so an error on the other connection takes the
            // Established one down too (restarting must never reuse an Established connection's side).
            SendNotificationAndClose(up, BgpError.Cease(0));
            wasEstablished = true;
        }
        if (wasEstablished)
        {
            LeaveEstablished();
            return;
        }
        // Not Established: BIRD stops the protocol all the same; close the other side and restart.
        foreach (var other in new[] { _outgoing, _incoming })
            if (other.State is BgpState.OpenSent or BgpState.OpenConfirm) SendNotificationAndClose(other, BgpError.Cease(0));
            else if (other.State is BgpState.Connect or BgpState.Active) GoIdle(other, closeSocket: other.State == BgpState.Connect);
        if (Running) StartOrDelay();
    }

    private void SendNotificationAndClose(Connection c, BgpError error)
    {
        var wasEstablished = c.State == BgpState.Established;
        Emit(new SessionAction.Send(c.Side, NotificationMessage.Encode(error)));
        GoClose(c);
        if (wasEstablished && EstablishedConnection is null && error.Code == BgpError.Codes.Cease && !Running)
            Emit(new SessionAction.SessionDown(LastError));
    }

    // Close: the NOTIFICATION is queued, the socket closes once it is written; the side is free again.
    private void GoClose(Connection c)
    {
        SetState(c, BgpState.Close);
        GoIdle(c, closeSocket: true);
    }
}
