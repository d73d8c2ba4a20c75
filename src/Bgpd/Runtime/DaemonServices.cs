using Bgpd.Netlink.Protocols;
using Bgpd.Rib;

namespace Bgpd.Runtime;

/// <summary>Things protocols need from the daemon: the netlink hub, the interface view, the -R flag.</summary>
public sealed class DaemonServices(RoutingLoop loop, bool gracefulRestartRecovery) : IDisposable
{
    NetlinkHub? _hub;

    /// <summary>What static protocols resolve next hops through (the device protocol, once one runs).</summary>
    public InterfaceViewProxy Interfaces { get; } = new();

    /// <summary><c>-R</c>: protocols start in graceful-restart recovery.</summary>
    public bool GracefulRestartRecovery => gracefulRestartRecovery;

    /// <summary>The shared netlink sockets, created when the first kernel/device/direct protocol asks.</summary>
    public NetlinkHub Hub => _hub ??= new NetlinkHub(loop);

    public void Dispose() => _hub?.Dispose();
}
