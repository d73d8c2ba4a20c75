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
    bool _listenFailed;

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
    /// protocols have started (and registered their peers).
    /// </summary>
    public BgpListener? BgpListener(ListenBgp? listen)
    {
        if (_listener is not null && Equals(listen, _listenConfig)) return _listener;
        if (_listenFailed && Equals(listen, _listenConfig)) return null;
        _listenConfig = listen;
        var listener = new BgpListener(listen?.Address, listen?.Port ?? 179, logger);
        try
        {
            listener.Start(holdAccepts: true);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            logger.LogError("Cannot open BGP listening socket on port {Port}: {Message}", listen?.Port ?? 179, e.Message);
            _listenFailed = true;
            return null;
        }
        _listenFailed = false;
        var previous = _listener;
        _listener = listener;
        if (previous is not null) _ = previous.DisposeAsync().AsTask();
        return _listener;
    }

    /// <summary>
    /// The protocols of a config have started: the BGP listener takes connections, and knows the
    /// neighbors of protocols that are down (<paramref name="configuredPeers"/>) from unknown addresses.
    /// </summary>
    public void ProtocolsStarted(IEnumerable<IpAddress> configuredPeers)
    {
        _listener?.SetConfiguredPeers(configuredPeers);
        _listener?.BeginAccepting();
    }

    public async ValueTask DisposeAsync()
    {
        _hub?.Dispose();
        if (_listener is not null) await _listener.DisposeAsync();
    }
}
