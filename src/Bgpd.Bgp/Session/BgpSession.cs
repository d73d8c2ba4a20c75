using Bgpd.Bgp.Wire;
using Microsoft.Extensions.Logging;

namespace Bgpd.Bgp.Session;

/// <summary>
/// The BGP session FSM (RFC 4271 8) for one peer, sans-IO and shaped after BIRD: up to two
/// connections (outgoing and incoming) with collision detection, BIRD's connect delay, connect
/// retry and error wait (startup delay doubling from min to max), the RFC 9687 send hold timer.
/// Feed it <see cref="SessionEvent"/>s; it answers with <see cref="SessionAction"/>s. Not thread-safe:
/// drive it from one loop.
/// </summary>
public sealed partial class BgpSession
{
    private readonly TimeProvider _time;
    private readonly Connection _outgoing = new(ConnectionSide.Outgoing);
    private readonly Connection _incoming = new(ConnectionSide.Incoming);
    private List<SessionAction> _actions = [];
    private int _startupDelay;
    private long? _lastErrorAt;
    private bool _delayingStart;
    private long _startupDelayArmedAt;
    private long _connectDelayArmedAt;

    public BgpSession(SessionOptions options, TimeProvider time)
    {
        Options = options;
        _time = time;
    }

    public SessionOptions Options { get; private set; }

    /// <summary>True between Start and Stop (BIRD's protocol is not down).</summary>
    public bool Running { get; private set; }

    /// <summary>Set when `disable after error` turned the session off.</summary>
    public bool DisabledByError { get; private set; }

    public SessionError LastError { get; private set; } = SessionError.None;

    /// <summary>The Established connection's negotiation, if any.</summary>
    public NegotiatedSession? Current => EstablishedConnection?.Negotiated;

    /// <summary>Current BIRD error wait (seconds) applied before the next start; 0 when none.</summary>
    public int StartupDelay => _startupDelay;

    /// <summary>The higher of the two connection states, as BIRD reports it.</summary>
    public BgpState State => (BgpState)Math.Max((int)_outgoing.State, (int)_incoming.State);

    public BgpState StateOf(ConnectionSide side) => Conn(side).State;

    /// <summary>BIRD's `show protocols` state word: Down, Passive, or the connection state.</summary>
    public string DisplayState
    {
        get
        {
            if (!Running) return "Down";
            var state = State;
            if (state == BgpState.Idle && !_delayingStart && Options.Passive) return "Passive";
            return state.ToString();
        }
    }

    /// <summary>Seconds left on the Established connection's hold and keepalive timers (BIRD's "203/240").</summary>
    public (int HoldLeft, int Hold, int KeepaliveLeft, int Keepalive)? Timers
    {
        get
        {
            if (EstablishedConnection is not { } c) return null;
            return (Left(c.HoldArmed, c.HoldArmedAt, c.HoldTime), c.HoldTime, Left(c.KeepaliveArmed, c.KeepaliveArmedAt, c.KeepaliveTime), c.KeepaliveTime);
        }
    }

    /// <summary>BIRD's "Error wait: left/delay" while the start is held back after errors.</summary>
    public (int Left, int Delay)? ErrorWait => Running && _delayingStart ? (Left(true, _startupDelayArmedAt, _startupDelay), _startupDelay) : null;

    /// <summary>BIRD's "Start delay: left/connect delay time" while the outgoing side waits in Active.</summary>
    public (int Left, int Delay)? StartDelay => Running && _outgoing.State == BgpState.Active
        ? (Left(true, _connectDelayArmedAt, Math.Max(1, Options.ConnectDelayTime)), Options.ConnectDelayTime)
        : null;

    private int Left(bool armed, long armedAt, int seconds)
    {
        if (!armed) return 0;
        var elapsed = _time.GetElapsedTime(armedAt).TotalSeconds;
        return Math.Max(0, (int)Math.Ceiling(seconds - elapsed));
    }

    private Connection? EstablishedConnection =>
        _outgoing.State == BgpState.Established ? _outgoing : _incoming.State == BgpState.Established ? _incoming : null;

    private Connection Conn(ConnectionSide side) => side == ConnectionSide.Outgoing ? _outgoing : _incoming;

    private Connection Other(Connection c) => c == _outgoing ? _incoming : _outgoing;

    /// <summary>Applies one event and returns what to do, in order.</summary>
    public IReadOnlyList<SessionAction> Handle(SessionEvent e)
    {
        switch (e)
        {
            case SessionEvent.Start: OnStart(); break;
            case SessionEvent.Stop stop: OnStop(stop.CeaseSubcode, stop.Message); break;
            case SessionEvent.TcpConnected c: OnConnected(Conn(c.Side)); break;
            case SessionEvent.TcpConnectFailed f: OnSocketError(Conn(f.Side), f.Error); break;
            case SessionEvent.TcpClosed c: OnSocketError(Conn(c.Side), c.Error ?? SocketErrorText.ConnectionClosed); break;
            case SessionEvent.MessageReceived m: OnMessage(Conn(m.Side), m.Message); break;
            case SessionEvent.FramingError f: OnLocalError(Conn(f.Side), f.Error); break;
            case SessionEvent.TimerExpired t: OnTimer(t.Timer, Conn(t.Side)); break;
            case SessionEvent.WriteStalled w: OnWriteStalled(Conn(w.Side)); break;
            case SessionEvent.WriteDrained w: Emit(new SessionAction.CancelTimer(SessionTimer.SendHold, w.Side)); break;
        }
        var actions = _actions;
        _actions = [];
        return actions;
    }

    /// <summary>
    /// Offers an accepted TCP connection from the peer. True when taken (the incoming side is then in
    /// use and the OPEN is queued); false when the driver must close it.
    /// </summary>
    public bool OfferIncoming(out IReadOnlyList<SessionAction> actions)
    {
        var accept = Running && !_delayingStart && _incoming.State == BgpState.Idle;
        Emit(new SessionAction.Log(LogLevel.Debug, $"Incoming connection from {Options.PeerAddress} {(accept ? "accepted" : "rejected")}"));
        if (accept) OnConnected(_incoming);
        actions = _actions;
        _actions = [];
        return accept;
    }

    /// <summary>Sends on the Established connection (UPDATEs, ROUTE-REFRESH); restarts the keepalive timer as BIRD does.</summary>
    public IReadOnlyList<SessionAction> SendOnEstablished(IEnumerable<byte[]> messages)
    {
        if (EstablishedConnection is { } c)
        {
            foreach (var message in messages) Emit(new SessionAction.Send(c.Side, message));
            ArmKeepalive(c);
        }
        var actions = _actions;
        _actions = [];
        return actions;
    }

    /// <summary>Records why the protocol layer took the session down (BIRD's automatic or manual shutdown classes).</summary>
    public void SetLastError(SessionError error) => LastError = error;

    /// <summary>Replaces the options (reconfiguration that does not need a restart, e.g. timers).</summary>
    public void Reconfigure(SessionOptions options) => Options = options;

    private void Emit(SessionAction action) => _actions.Add(action);

    private void Log(LogLevel level, string message) => Emit(new SessionAction.Log(level, message));

    private void SetState(Connection c, BgpState state)
    {
        if (c.State == state) return;
        var from = c.State;
        c.State = state;
        Emit(new SessionAction.ConnectionStateChanged(c.Side, from, state));
    }

    private void Arm(SessionTimer timer, Connection c, int seconds) =>
        Emit(new SessionAction.ArmTimer(timer, c.Side, TimeSpan.FromSeconds(seconds)));

    private void Cancel(SessionTimer timer, Connection c) => Emit(new SessionAction.CancelTimer(timer, c.Side));

    private void OnStart()
    {
        if (Running) return;
        Running = true;
        DisabledByError = false;
        StartOrDelay();
    }

    // BIRD bgp_start: wait out the error delay, then start connecting (unless passive).
    private void StartOrDelay()
    {
        if (_startupDelay > 0)
        {
            _delayingStart = true;
            Log(LogLevel.Information, $"Startup delayed by {_startupDelay} seconds due to errors");
            _startupDelayArmedAt = _time.GetTimestamp();
            Emit(new SessionAction.ArmTimer(SessionTimer.StartupDelay, ConnectionSide.Outgoing, TimeSpan.FromSeconds(_startupDelay)));
            return;
        }
        _delayingStart = false;
        if (!Options.Passive) GoActive();
    }

    // BIRD bgp_active: the outgoing connection waits `connect delay time` (at least 1 s) before connecting.
    private void GoActive()
    {
        var delay = Math.Max(1, Options.ConnectDelayTime);
        Log(LogLevel.Debug, $"Connect delayed by {delay} seconds");
        _outgoing.Reset();
        SetState(_outgoing, BgpState.Active);
        _connectDelayArmedAt = _time.GetTimestamp();
        Arm(SessionTimer.ConnectRetry, _outgoing, delay);
    }

    private void Connect()
    {
        SetState(_outgoing, BgpState.Connect);
        Log(LogLevel.Debug, $"Connecting to {Options.PeerAddress}");
        Emit(new SessionAction.Connect());
        Arm(SessionTimer.ConnectRetry, _outgoing, Options.ConnectRetryTime);
    }

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

    private void OnConnected(Connection c)
    {
        if (c.Side == ConnectionSide.Outgoing && c.State != BgpState.Connect)
        {
            Emit(new SessionAction.Close(c.Side));
            return;
        }
        if (c.Side == ConnectionSide.Outgoing) Cancel(SessionTimer.ConnectRetry, c);
        c.Reset();
        Log(LogLevel.Debug, "Connected");
        Emit(new SessionAction.Send(c.Side, BuildOpen().Encode()));
        SetState(c, BgpState.OpenSent);
        ArmHold(c, Options.StartupHoldTime);
    }

    private OpenMessage BuildOpen()
    {
        BgpCapabilities caps;
        if (!Options.SendCapabilities) caps = new BgpCapabilities();
        else
        {
            var source = Options.Capabilities;
            caps = new BgpCapabilities
            {
                Multiprotocol = source.Multiprotocol,
                RouteRefresh = source.RouteRefresh,
                EnhancedRouteRefresh = source.EnhancedRouteRefresh,
                ExtendedMessages = source.ExtendedMessages,
                FourOctetAs = source.FourOctetAs is null ? null : Options.LocalAs,
                GracefulRestart = source.GracefulRestart,
                LongLivedGracefulRestart = source.LongLivedGracefulRestart,
                AddPath = source.AddPath,
                Unknown = source.Unknown,
            };
        }
        return new OpenMessage
        {
            MyAs = OpenMessage.TwoOctetAs(Options.LocalAs),
            HoldTime = Options.HoldTime,
            BgpId = Options.LocalId,
            Capabilities = caps,
        };
    }

    private void ArmHold(Connection c, int seconds)
    {
        if (seconds == 0)
        {
            if (c.HoldArmed) Cancel(SessionTimer.Hold, c);
            c.HoldArmed = false;
            return;
        }
        c.HoldArmed = true;
        c.HoldArmedAt = _time.GetTimestamp();
        Arm(SessionTimer.Hold, c, seconds);
    }

    private void ArmKeepalive(Connection c)
    {
        if (c.KeepaliveTime == 0) return;
        c.KeepaliveArmed = true;
        c.KeepaliveArmedAt = _time.GetTimestamp();
        Arm(SessionTimer.Keepalive, c, c.KeepaliveTime);
    }

    private void OnTimer(SessionTimer timer, Connection c)
    {
        switch (timer)
        {
            case SessionTimer.ConnectRetry when c.State == BgpState.Active && Running:
                Connect();
                break;
            case SessionTimer.ConnectRetry when c.State == BgpState.Connect && Running:
                // BIRD bgp_connect_timeout: drop the attempt and try again at once.
                Emit(new SessionAction.Close(c.Side));
                Connect();
                break;
            case SessionTimer.Hold when c.State is BgpState.OpenSent or BgpState.OpenConfirm or BgpState.Established:
                OnLocalError(c, BgpError.HoldTimerExpired());
                break;
            case SessionTimer.Keepalive when c.State is BgpState.OpenConfirm or BgpState.Established:
                Emit(new SessionAction.Send(c.Side, BgpWire.Keepalive()));
                ArmKeepalive(c);
                break;
            case SessionTimer.SendHold when c.State is BgpState.OpenSent or BgpState.OpenConfirm or BgpState.Established:
                OnLocalError(c, BgpError.SendHoldTimerExpired());
                break;
            case SessionTimer.StartupDelay when Running && _delayingStart:
                _delayingStart = false;
                if (!Options.Passive) GoActive();
                break;
        }
    }

    private void OnWriteStalled(Connection c)
    {
        if (c.State is not (BgpState.OpenSent or BgpState.OpenConfirm or BgpState.Established)) return;
        var hold = c.HoldTime == 0 ? Options.HoldTime : c.HoldTime;
        var sendHold = Options.SendHoldTime ?? TimeSpan.FromSeconds(Math.Max(480, 2 * hold));
        Emit(new SessionAction.ArmTimer(SessionTimer.SendHold, c.Side, sendHold));
    }

    private void OnSocketError(Connection c, string error)
    {
        if (c.State == BgpState.Idle) return;
        if (c.State == BgpState.Close)
        {
            GoIdle(c, closeSocket: false);
            return;
        }
        Log(LogLevel.Information, error == SocketErrorText.ConnectionClosed ? "Connection closed" : $"Connection lost ({error})");
        LastError = new SessionError(SessionErrorClass.Socket, error);
        var wasEstablished = c.State == BgpState.Established;
        GoIdle(c, closeSocket: true);
        if (wasEstablished) LeaveEstablished();
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

    // BIRD bgp_decision: with nothing in progress outside, start connecting again.
    private void Decide()
    {
        if (Running && !_delayingStart && !Options.Passive && _outgoing.State == BgpState.Idle && _incoming.State != BgpState.OpenConfirm)
            GoActive();
    }

    // BIRD: leaving Established stops the protocol, which then starts again (after the error wait).
    private void LeaveEstablished()
    {
        Log(LogLevel.Information, "BGP session closed");
        Emit(new SessionAction.SessionDown(LastError));
        foreach (var c in new[] { _outgoing, _incoming })
            if (c.State is BgpState.OpenSent or BgpState.OpenConfirm) SendNotificationAndClose(c, BgpError.Cease(0));
            else if (c.State is BgpState.Connect or BgpState.Active) GoIdle(c, closeSocket: c.State == BgpState.Connect);
        if (Running) StartOrDelay();
    }

    // BIRD bgp_update_startup_delay: the error wait doubles from min to max, forgotten after `error forget time`.
    private void CountError()
    {
        var now = _time.GetTimestamp();
        if (_lastErrorAt is { } last && _time.GetElapsedTime(last, now).TotalSeconds >= Options.ErrorForgetTime) _startupDelay = 0;
        _lastErrorAt = now;
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

    /// <summary>We found an error: NOTIFICATION, close, and (except for Cease) count it and restart the session.</summary>
    private void OnLocalError(Connection c, BgpError error)
    {
        if (c.State is BgpState.Idle or BgpState.Close) return;
        Log(LogLevel.Warning, $"Error: {BgpErrorText.Format(error)}");
        LastError = new SessionError(SessionErrorClass.Sent, BgpErrorText.Describe(error.Code, error.Subcode));
        var wasEstablished = c.State == BgpState.Established;
        SendNotificationAndClose(c, error);
        if (error.Code != BgpError.Codes.Cease) Fail(wasEstablished);
        else if (wasEstablished) LeaveEstablished();
        else Decide();
    }

    private void Fail(bool wasEstablished)
    {
        CountError();
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
