using Bgpd.Bgp.Io;
using Bgpd.Config.Model;
using Bgpd.Net;
using Bgpd.Netlink.Protocols;
using Bgpd.Rib;
using Microsoft.Extensions.Logging;

namespace Bgpd.Runtime;

/// <summary>
/// Things protocols need from the daemon: the netlink hub, the interface view, the BGP listening
/// socket, the router id and the -R flag. Shared resources are created when the first protocol asks.
/// </summary>
public sealed class DaemonServices(RoutingLoop loop, bool gracefulRestartRecovery, ILogger logger) : IAsyncDisposable
{
    NetlinkHub? _hub;
    BgpListener? _listener;
    ListenBgp? _listenConfig;
    // _listener is what _listenConfig opened (null if it could not be opened).
    bool _listenConfigured;
    // The socket of a config being applied, until it commits or is refused.
    (ListenBgp? Config, BgpListener? Listener)? _pending;
    bool _runningReleasedEarly;

    /// <summary>What static protocols resolve next hops through (the device protocol, once one runs).</summary>
    public InterfaceViewProxy Interfaces { get; } = new();

    /// <summary><c>-R</c>: protocols start in graceful-restart recovery (until the daemon's recovery ends; later protocols start normally).</summary>
    public bool GracefulRestartRecovery { get; private set; } = gracefulRestartRecovery;

    /// <summary>The daemon's graceful-restart recovery is over.</summary>
    public void EndGracefulRestartRecovery() => GracefulRestartRecovery = false;

    /// <summary>The effective router id (config or chosen from interfaces).</summary>
    public IpAddress RouterId { get; set; }

    /// <summary>The shared netlink sockets, created when the first kernel/device/direct protocol asks.</summary>
    public NetlinkHub Hub => _hub ??= new NetlinkHub(loop);

    /// <summary>
    /// The shared BGP listening socket (<c>listen bgp</c>, default port 179 on every address), opened
    /// for the first BGP protocol. If it cannot be opened the error is logged and sessions still
    /// connect out, as BIRD does. It accepts once <see cref="ProtocolsStarted"/> says the config's
    /// protocols have started (and registered their peers). A config being applied with a different
    /// <c>listen bgp</c> gets a new socket; the running one is closed only when that config commits
    /// (<see cref="ProtocolsStarted"/>), and kept when it is refused (<see cref="AbandonPendingListener"/>).
    /// </summary>
    public BgpListener? BgpListener(ListenBgp? listen)
    {
        if (_pending is { } pending && Equals(listen, pending.Config)) return pending.Listener;
        if (_pending is null && _listenConfigured && Equals(listen, _listenConfig)) return _listener;
        var port = listen?.Port ?? 179;
        var portHeld = _listener is { } running && running.Port == port;
        var listener = OpenListener(listen, port, logFailure: !portHeld);
        if (listener is null && portHeld)
        {
            // The running socket holds the port (another address, or v6only/dual changed): the new
            // one can only be bound once it is closed.
            ReleaseRunningListener();
            _runningReleasedEarly = true;
            listener = OpenListener(listen, port, logFailure: true);
        }
        _pending = (listen, listener);
        return listener;
    }

    BgpListener? OpenListener(ListenBgp? listen, int port, bool logFailure)
    {
        var listener = new BgpListener(listen?.Address, port, logger);
        try
        {
            listener.Start(holdAccepts: true);
            return listener;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            if (logFailure) logger.LogError("Cannot open BGP listening socket on port {Port}: {Message}", port, e.Message);
            _ = listener.DisposeAsync().AsTask();
            return null;
        }
    }

    void ReleaseRunningListener()
    {
        if (_listener is not null) _ = _listener.DisposeAsync().AsTask();
        _listener = null;
    }

    /// <summary>
    /// True when <paramref name="listen"/> would give BGP protocols another listening socket than the
    /// running one: they must restart on it (their peers' connections arrive there).
    /// </summary>
    public bool ListenChanges(ListenBgp? listen) => _listenConfigured && !Equals(listen, _listenConfig);

    /// <summary>
    /// The protocols of a config have started: its listening socket replaces the old one, takes
    /// connections, and knows the neighbors of protocols that are down (<paramref name="configuredPeers"/>)
    /// from unknown addresses.
    /// </summary>
    public void ProtocolsStarted(IEnumerable<IpAddress> configuredPeers)
    {
        if (_pending is { } pending)
        {
            if (!ReferenceEquals(pending.Listener, _listener)) ReleaseRunningListener();
            _listener = pending.Listener;
            _listenConfig = pending.Config;
            _listenConfigured = true;
            _pending = null;
            _runningReleasedEarly = false;
        }
        _listener?.SetConfiguredPeers(configuredPeers);
        _listener?.BeginAccepting();
    }

    /// <summary>A config that opened a listening socket was refused: close it, keep the running one.</summary>
    public void AbandonPendingListener()
    {
        if (_pending is { Listener: { } listener } && !ReferenceEquals(listener, _listener)) _ = listener.DisposeAsync().AsTask();
        _pending = null;
        if (_runningReleasedEarly)
            logger.LogError("BGP listening socket closed for a refused configuration; running BGP protocols connect out only until they restart");
        _runningReleasedEarly = false;
    }

    public async ValueTask DisposeAsync()
    {
        _hub?.Dispose();
        AbandonPendingListener();
        if (_listener is not null) await _listener.DisposeAsync();
    }
}
