using System.Net;
using System.Net.Sockets;
using Bgpd.Bgp.Interop;
using Bgpd.Bgp.Io;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;
using Microsoft.Extensions.Logging;

namespace Bgpd.Bgp.Protocol;

/// <summary>
/// A `protocol bgp` instance: the session FSM driven on the routing loop, TCP connections on their
/// own tasks, received UPDATEs imported into the channel and table changes exported as packed UPDATEs.
/// </summary>
public sealed partial class BgpProtocol : Rib.Protocols.Protocol
{
    private readonly BgpListener? _listener;
    private readonly SessionTimers _timers;
    private readonly PeerConnection?[] _connections = new PeerConnection?[2];
    private int _connectAttempt;

    private readonly IInterfaceView? _interfaces;

    private BgpProtocol(string name, RoutingLoop loop, RoutingTable table, ChannelOptions channel, BgpProtocolOptions options, BgpListener? listener, IInterfaceView? interfaces, RoutingTable? igpTable)
        : base(name, loop)
    {
        if (igpTable is not null && (igpTable.Family != table.Family || !ReferenceEquals(igpTable.Loop, loop)))
            throw new ArgumentException($"igp table {igpTable.Name} is not a {table.Family} table of this routing loop", nameof(igpTable));
        _igpTable = igpTable;
        Options = options;
        _listener = listener;
        _interfaces = interfaces;
        // Execute imports every UPDATE before the session sees its next event.
        Session = new BgpSession(options.Session, loop.Time) { ReuseUpdates = true };
        _timers = new SessionTimers(loop.Time, (timer, side) => loop.Post(() => Execute(Session.Handle(new SessionEvent.TimerExpired(timer, side)))));
        AddChannel(table, channel);
        _configuredExportMode = channel.ExportMode;
    }

    private readonly ExportMode _configuredExportMode;

    /// <summary>
    /// The factory the daemon calls: a BGP protocol on <paramref name="table"/> (its family picks IPv4
    /// or IPv6 as BIRD 1.6's bird/bird6 do). <paramref name="listener"/> is the shared `listen bgp` socket;
    /// <paramref name="interfaces"/> (from the device protocol) gives next hops their interface;
    /// <paramref name="igpTable"/> (`igp table`) is where recursive next hops resolve, by default <paramref name="table"/>.
    /// </summary>
    public static BgpProtocol Create(string name, RoutingLoop loop, RoutingTable table, ChannelOptions channel, BgpProtocolOptions options, BgpListener? listener,
        IInterfaceView? interfaces = null, RoutingTable? igpTable = null) =>
        new(name, loop, table, channel, options, listener, interfaces, igpTable);

    private readonly RoutingTable? _igpTable;

    public BgpProtocolOptions Options { get; }
    public BgpSession Session { get; }
    /// <summary>Local address of the Established connection (`Source address:`).</summary>
    public IpAddress? LocalAddress { get; internal set; }

    /// <summary>Test seam: sees every message the protocol sends (before it reaches a socket, if any).</summary>
    internal Action<ConnectionSide, byte[]>? SendObserver { get; set; }

    /// <summary>Test seam: replaces the TCP connect (so tests never send a packet).</summary>
    internal Action? ConnectOverride { get; set; }

    /// <summary>Test seam: feeds an event to the session as a connection would, without a socket.</summary>
    internal void Inject(SessionEvent e) => Execute(Session.Handle(e));

    /// <summary>Test seam: an incoming connection without a socket.</summary>
    internal bool InjectIncoming()
    {
        var accepted = Session.OfferIncoming(out var actions);
        Execute(actions);
        return accepted;
    }

    public override string ClassName => "BGP";
    public override int DefaultPreference => 100;

    public override string Info
    {
        get
        {
            if (State == ProtocolState.Down) return Session.LastError.ToString();
            return $"{Session.DisplayState,-14}{(Session.LastError.IsNone ? "" : Session.LastError.ToString())}";
        }
    }

    protected override ProtocolState OnStart()
    {
        try
        {
            _listenerScope = ListenerScope();
            _listener?.Register(Options.Session.PeerAddress, Options.Password, socket => Loop.Post(() => AcceptIncoming(socket)), _listenerScope);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            // BIRD logs and goes on; a peer that signs its segments then cannot connect to us.
            Loop.Log(RibLogLevel.Error, $"{Name}: cannot set the TCP MD5 key on the listening socket: {e.Message}");
        }
        TakeRecoveryLock();
        _traceSource = Options.SourceAddress;
        Trace(ProtocolDebug.Events, "Started");
        Execute(Session.Handle(new SessionEvent.Start()));
        return ProtocolState.Start;
    }

    protected override ProtocolState OnStop()
    {
        Trace(ProtocolDebug.Events, "Shutdown requested");
        var subcode = DownCode switch
        {
            ProtocolDownCode.ImportLimitHit or ProtocolDownCode.ReceiveLimitHit or ProtocolDownCode.ExportLimitHit => (byte)1,
            ProtocolDownCode.ConfigRemoved => (byte)3,
            ProtocolDownCode.CommandRestart => (byte)4,
            ProtocolDownCode.ConfigRestart => (byte)6,
            _ => (byte)2,
        };
        var lastError = Session.LastError;
        // BIRD bgp_shutdown: a limit that restarts the protocol counts as an error (error wait); any
        // other stop (operator, config, a limit that disables) starts afresh.
        if (subcode == 1 && Channels.Any(c => c.ImportLimit is { IsHit: true, Action: LimitAction.Restart } || c.ReceiveLimit is { IsHit: true, Action: LimitAction.Restart }))
            Session.CountLimitRestart();
        else Session.ForgetErrorWait();
        Execute(Session.Handle(new SessionEvent.Stop(subcode, Message)));
        // BIRD: a limit is an automatic shutdown with its own message; an operator's stop clears the error.
        Session.SetLastError(subcode == 1 ? new SessionError(SessionErrorClass.AutoDown, "Route limit exceeded")
            : Session.DisabledByError ? lastError : SessionError.None);
        _listener?.Unregister(Options.Session.PeerAddress, Options.Password is not null, _listenerScope);
        _timers.Dispose();
        EndGracefulRestartState();
        _exportsHeld = false;
        ReleaseRecoveryLock();
        Trace(ProtocolDebug.Events, "Down");
        return ProtocolState.Down;
    }

    private void AcceptIncoming(Socket socket)
    {
        if (!Session.OfferIncoming(out var actions, (socket.RemoteEndPoint as System.Net.IPEndPoint)?.Port))
        {
            Loop.Log(RibLogLevel.Info, $"{Name}: Incoming connection from {Options.Session.PeerAddress} rejected");
            socket.Dispose();
            Execute(actions);
            return;
        }
        try
        {
            ApplySocketOptions(socket);
        }
        catch (SocketException e)
        {
            Loop.Log(RibLogLevel.Warning, $"{Name}: cannot set socket options: {e.Message}");
        }
        Attach(ConnectionSide.Incoming, socket);
        Execute(actions);
    }

    private void Attach(ConnectionSide side, Socket socket)
    {
        var connection = new PeerConnection(socket, side, Loop.Post, OnConnectionEvent, () => Session.MaxReceiveLength(side));
        _connections[(int)side] = connection;
        connection.Start();
    }

    private void OnConnectionEvent(PeerConnection connection, SessionEvent e)
    {
        // A late event from a connection that has since been replaced or closed is dropped.
        if (!ReferenceEquals(_connections[(int)connection.Side], connection)) return;
        Execute(Session.Handle(e));
    }

    private void ApplySocketOptions(Socket socket)
    {
        var v6 = Options.Family.IsV6;
        SocketTuning.SetTtl(socket, v6 && socket.AddressFamily == AddressFamily.InterNetworkV6, Options.Multihop, Options.TtlSecurity);
        socket.NoDelay = true;
    }

    private void StartConnect()
    {
        var attempt = ++_connectAttempt;
        IPEndPoint peer;
        try
        {
            peer = PeerEndPoint();
        }
        catch (ArgumentException e)
        {
            Loop.Post(() =>
            {
                if (attempt == _connectAttempt) Execute(Session.Handle(new SessionEvent.TcpConnectFailed(ConnectionSide.Outgoing, e.Message)));
            });
            return;
        }
        var socket = new Socket(peer.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _ = Task.Run(async () =>
        {
            try
            {
                if (Options.Password is not null) SocketTuning.SetMd5Key(socket, Options.Session.PeerAddress, Options.Password);
                SocketTuning.SetTtl(socket, peer.AddressFamily == AddressFamily.InterNetworkV6, Options.Multihop, Options.TtlSecurity);
                if (Options.SourceAddress is { } source) socket.Bind(new IPEndPoint(source.ToSystem(), 0));
                socket.NoDelay = true;
                await socket.ConnectAsync(peer).ConfigureAwait(false);
                Loop.Post(() =>
                {
                    if (attempt != _connectAttempt || Session.StateOf(ConnectionSide.Outgoing) != BgpState.Connect)
                    {
                        socket.Dispose();
                        return;
                    }
                    Attach(ConnectionSide.Outgoing, socket);
                    Execute(Session.Handle(new SessionEvent.TcpConnected(ConnectionSide.Outgoing)));
                });
            }
            catch (Exception e) when (e is SocketException or ArgumentException or ObjectDisposedException)
            {
                socket.Dispose();
                var text = e is SocketException se ? SocketErrorText.Describe(se.SocketErrorCode) : e.Message;
                Loop.Post(() =>
                {
                    if (attempt == _connectAttempt)
                        Execute(Session.Handle(new SessionEvent.TcpConnectFailed(ConnectionSide.Outgoing, text)));
                });
            }
        });
    }

    /// <summary>Carries out the session's actions on the routing loop.</summary>
    private void Execute(IReadOnlyList<SessionAction> actions)
    {
        // Indexed: a foreach over the interface allocates an enumerator for every message.
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            switch (action)
            {
                case SessionAction.Connect:
                    TraceConnecting();
                    if (ConnectOverride is { } connect) connect();
                    else StartConnect();
                    break;
                case SessionAction.Close close:
                    if (close.Side == ConnectionSide.Outgoing) _connectAttempt++;
                    _connections[(int)close.Side]?.Close();
                    _connections[(int)close.Side] = null;
                    break;
                case SessionAction.Send send:
                    SendObserver?.Invoke(send.Side, send.Bytes);
                    _connections[(int)send.Side]?.Send(send.Bytes);
                    break;
                case SessionAction.ArmTimer arm:
                    _timers.Arm(arm.Timer, arm.Side, arm.After);
                    break;
                case SessionAction.CancelTimer cancel:
                    _timers.Cancel(cancel.Timer, cancel.Side);
                    break;
                case SessionAction.Established established:
                    OnEstablished(established);
                    break;
                case SessionAction.SessionDown down:
                    OnSessionDown(down);
                    break;
                case SessionAction.UpdateReceived update:
                    Import(update.Update);
                    break;
                case SessionAction.ShutdownMessageReceived shutdown:
                    Message = shutdown.Text;
                    break;
                case SessionAction.RouteRefreshReceived refresh:
                    OnRouteRefresh(refresh.Refresh);
                    break;
                case SessionAction.Disabled:
                    Loop.Post(() => Disable());
                    break;
                case SessionAction.Log { Level: LogLevel.Debug or LogLevel.Trace } trace:
                    // Session events are BIRD's BGP_TRACE(D_EVENTS, ...): only with `debug { events }`.
                    Trace(ProtocolDebug.Events, trace.Message);
                    break;
                case SessionAction.Log { Remote: true } remote:
                    // BIRD's bgp_log_error logs as L_REMOTE (<RMT>).
                    Loop.Log(RibLogLevel.Remote, $"{Name}: {remote.Message}");
                    break;
                case SessionAction.Log log:
                    Loop.Log(log.Level switch
                    {
                        LogLevel.Warning => RibLogLevel.Warning,
                        LogLevel.Error or LogLevel.Critical => RibLogLevel.Error,
                        _ => RibLogLevel.Info,
                    }, $"{Name}: {log.Message}");
                    break;
            }
        }
        Session.Recycle(actions);
    }

    /// <summary>
    /// A peer's refresh request re-sends our routes, framed by BoRR/EoRR when enhanced route refresh
    /// was negotiated (RFC 7313). The peer's own BoRR marks its routes stale; its EoRR withdraws those
    /// it did not send again (BIRD's rt_refresh_begin / rt_refresh_end).
    /// </summary>
    private void OnRouteRefresh(RouteRefreshMessage refresh)
    {
        if (refresh.Family != Options.Family || MainChannel is not { } channel || Session.Current is not { } negotiated) return;
        if (refresh.Subtype == RouteRefreshSubtype.BeginOfRouteRefresh && negotiated.EnhancedRouteRefresh)
        {
            channel.BeginRefresh();
            return;
        }
        if (refresh.Subtype == RouteRefreshSubtype.EndOfRouteRefresh && negotiated.EnhancedRouteRefresh)
        {
            channel.EndRefresh();
            return;
        }
        if (refresh.Subtype != RouteRefreshSubtype.Request) return;
        FlushExports();
        var enhanced = negotiated.EnhancedRouteRefresh;
        if (enhanced) Execute(Session.SendOnEstablished([new RouteRefreshMessage(Options.Family, RouteRefreshSubtype.BeginOfRouteRefresh).Encode()]));
        channel.Refeed();
        FlushExports();
        if (enhanced) Execute(Session.SendOnEstablished([new RouteRefreshMessage(Options.Family, RouteRefreshSubtype.EndOfRouteRefresh).Encode()]));
    }

    /// <summary>A BGP start and stop complete later (session established, notification and close).</summary>
    protected override bool ChangesStateLater => true;

    /// <summary>Import can be redone when the peer takes ROUTE-REFRESH (or there is no session, so nothing to redo).</summary>
    public override bool CanReloadImport => Session.Current is null || Session.Current.RouteRefresh;

    /// <summary>`reload in`: ask the peer to send its routes again (ROUTE-REFRESH); false when it cannot.</summary>
    protected override bool ReloadImport()
    {
        if (Session.Current is null) return true;
        if (!Session.Current.RouteRefresh) return false;
        Execute(Session.SendOnEstablished([new RouteRefreshMessage(Options.Family, RouteRefreshSubtype.Request).Encode()]));
        return true;
    }

    // BIRD's p->source_addr for the "Connecting to" trace: the configured source address, else the
    // local address of the last session (until the protocol starts again).
    private IpAddress? _traceSource;

    private void TraceConnecting()
    {
        if ((Debug & ProtocolDebug.Events) == 0) return;
        var peer = Options.Session.PeerAddress;
        var source = _traceSource ?? (peer.IsV6 ? IpAddress.V6Zero : IpAddress.V4Zero);
        var scope = Options.Interface is { } name ? "%" + name : "";
        Trace(ProtocolDebug.Events, $"Connecting to {peer}{(peer.IsLinkLocal ? scope : "")} from local address {source}{(source.IsLinkLocal ? scope : "")}");
    }

    private void OnEstablished(SessionAction.Established established)
    {
        if (_connections[(int)established.Side]?.Socket.LocalEndPoint is IPEndPoint local)
            LocalAddress = IpAddress.FromSystem(local.Address);
        _traceSource ??= LocalAddress;
        ChooseSelfNextHop();
        ClearExportState();
        _importCache.Clear();
        if (Session.Current is { } current)
        {
            GracefulRestartOnEstablished(current);
            RecoveryOnEstablished(current);
        }
        ChooseExportMode(Session.Current is { } negotiated && negotiated.AddPathSend(Options.Family));
        SetState(ProtocolState.Up);
        if (_exportsHeld) return;
        FlushExports();
        var eor = UpdateEncoder.EndOfRib(Options.Family);
        Execute(Session.SendOnEstablished([eor]));
    }
}
