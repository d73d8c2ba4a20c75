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

    /// <summary>BIRD 1.6.8's "Connect delay: left/connect delay time" while the outgoing side waits in Active.</summary>
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
        return TakeActions();
    }

    /// <summary>
    /// Offers an accepted TCP connection from the peer. True when taken (the incoming side is then in
    /// use and the OPEN is queued); false when the driver must close it.
    /// </summary>
    public bool OfferIncoming(out IReadOnlyList<SessionAction> actions, int? remotePort = null)
    {
        if (Running && !_delayingStart) RestartedPeerConnects();
        var accept = Running && !_delayingStart && _incoming.State == BgpState.Idle;
        var port = remotePort is { } p ? $" (port {p})" : "";
        Emit(new SessionAction.Log(LogLevel.Debug, $"Incoming connection from {Options.PeerAddress}{port} {(accept ? "accepted" : "rejected")}"));
        if (accept) OnConnected(_incoming);
        actions = TakeActions();
        return accept;
    }

    /// <summary>Sends on the Established connection (UPDATEs, ROUTE-REFRESH); restarts the keepalive timer as BIRD does.</summary>
    public IReadOnlyList<SessionAction> SendOnEstablished(IReadOnlyList<byte[]> messages)
    {
        if (EstablishedConnection is { } c)
        {
            // Indexed: a foreach over the interface allocates an enumerator for every flush.
            for (var i = 0; i < messages.Count; i++) Emit(new SessionAction.Send(c.Side, messages[i]));
            ArmKeepalive(c);
        }
        return TakeActions();
    }

    /// <summary>
    /// Set by a driver that carries out each <see cref="SessionAction.UpdateReceived"/> before it hands the
    /// session its next event (BGP's protocol imports at once): UPDATEs are then decoded into one reused
    /// message and action per connection, so a stream of them allocates nothing per message.
    /// </summary>
    public bool ReuseUpdates
    {
        get => _incoming.DecodeCache.ReuseMessages;
        set => _incoming.DecodeCache.ReuseMessages = _outgoing.DecodeCache.ReuseMessages = value;
    }

    /// <summary>Records why the protocol layer took the session down (BIRD's automatic or manual shutdown classes).</summary>
    public void SetLastError(SessionError error) => LastError = error;

    /// <summary>Replaces the options (reconfiguration that does not need a restart, e.g. timers).</summary>
    public void Reconfigure(SessionOptions options) => Options = options;

    private void Emit(SessionAction action) => _actions.Add(action);

    // Action lists handed back by the driver once carried out (every UPDATE in or out returns one).
    private readonly Stack<List<SessionAction>> _spareActionLists = new();

    private List<SessionAction> TakeActions()
    {
        var actions = _actions;
        _actions = _spareActionLists.TryPop(out var spare) ? spare : [];
        return actions;
    }

    /// <summary>
    /// Hands back a list returned by <see cref="Handle"/> (or the other calls returning actions) once its actions
    /// have been carried out, for reuse; the caller must not touch it afterwards. Optional.
    /// </summary>
    public void Recycle(IReadOnlyList<SessionAction> actions)
    {
        if (actions is not List<SessionAction> list || list.Capacity > 64 || _spareActionLists.Count >= 4 || ReferenceEquals(list, _actions)) return;
        list.Clear();
        _spareActionLists.Push(list);
    }

    private void Log(LogLevel level, string message) => Emit(new SessionAction.Log(level, message));

    private void SetState(Connection c, BgpState state)
    {
        if (c.State == state) return;
        var from = c.State;
        c.State = state;
        Emit(new SessionAction.ConnectionStateChanged(c.Side, from, state));
    }

    private void Arm(SessionTimer timer, Connection c, int seconds)
    {
        // The hold and keepalive timers are re-armed for every UPDATE: the same (immutable) action each time.
        var slot = (int)timer * 2 + (int)c.Side;
        var after = TimeSpan.FromSeconds(seconds);
        var action = _armActions[slot];
        if (action is null || action.After != after) _armActions[slot] = action = new SessionAction.ArmTimer(timer, c.Side, after);
        Emit(action);
    }

    private readonly SessionAction.ArmTimer?[] _armActions = new SessionAction.ArmTimer?[Enum.GetValues<SessionTimer>().Length * 2];

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
            // BIRD's BGP_TRACE(D_EVENTS): seen with `debug { events }` only.
            Log(LogLevel.Debug, $"Startup delayed by {_startupDelay} seconds due to errors");
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
        // Never take over an outgoing connection that is in use.
        if (_outgoing.State is not (BgpState.Idle or BgpState.Active)) return;
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
        // The driver traces "Connecting to X from local address Y" (it knows the source address).
        Emit(new SessionAction.Connect());
        Arm(SessionTimer.ConnectRetry, _outgoing, Options.ConnectRetryTime);
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
        // BIRD traces bgp_connected for its own connections; an accepted one was traced as incoming.
        if (c.Side == ConnectionSide.Outgoing) Log(LogLevel.Debug, "Connected");
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
                if (!HoldExpiredForGracefulRestart(c)) OnLocalError(c, BgpError.HoldTimerExpired());
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

}
