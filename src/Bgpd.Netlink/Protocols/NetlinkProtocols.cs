using Bgpd.Config.Model;
using Bgpd.Netlink.Device;
using Bgpd.Netlink.Direct;
using Bgpd.Netlink.Kernel;
using Bgpd.Rib;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Netlink.Protocols;

/// <summary>
/// Builds the device, direct and kernel protocols from their configuration. The daemon maps the channel
/// (filters, preference, limits) itself and passes one <see cref="NetlinkHub"/> shared by all of them.
/// </summary>
public static class NetlinkProtocols
{
    /// <summary><c>protocol kernel</c>. <paramref name="gracefulRestartRecovery"/> is true when the daemon
    /// was started with <c>-R</c>; the daemon then calls <see cref="KernelProtocol.EndGracefulRestartWait"/>
    /// when recovery is over.</summary>
    public static KernelProtocol CreateKernel(KernelConfig config, RoutingLoop loop, RoutingTable table, ChannelOptions channel, NetlinkHub hub, bool gracefulRestartRecovery = false) =>
        KernelProtocol.Create(config.Name, loop, table, KernelOptionsFor(config, channel), hub, gracefulRestartRecovery);

    /// <summary><c>protocol device</c>; the dialect decides which address families it shows (bird: IPv4,
    /// bird6: IPv6, 2.x: both). <paramref name="table"/> may be null for 2.x (no channel).</summary>
    public static DeviceProtocol CreateDevice(DeviceConfig config, Dialect dialect, RoutingLoop loop, RoutingTable? table, ChannelOptions channel, NetlinkHub hub) =>
        new(config.Name, loop, table, DeviceOptionsFor(config, dialect, channel), hub);

    /// <summary><c>protocol direct</c>.</summary>
    public static DirectProtocol CreateDirect(DirectConfig config, RoutingLoop loop, RoutingTable table, ChannelOptions channel, NetlinkHub hub) =>
        new(config.Name, loop, table, DirectOptionsFor(config, channel), hub);

    public static KernelOptions KernelOptionsFor(KernelConfig config, ChannelOptions channel) => new()
    {
        KernelTable = config.KernelTable,
        Metric = config.Metric,
        Learn = config.Learn,
        Persist = config.Persist,
        DeviceRoutes = config.DeviceRoutes,
        ScanTimeSeconds = config.ScanTime,
        MergePaths = config.MergePaths,
        MergePathsLimit = config.MergePathsLimit,
        GracefulRestart = config.GracefulRestart,
        Channel = channel,
    };

    public static DeviceOptions DeviceOptionsFor(DeviceConfig config, Dialect dialect, ChannelOptions channel) => new()
    {
        ScanTimeSeconds = config.ScanTime,
        Primary = config.Primary.Select(p => (p.InterfacePattern, p.Address)).ToList(),
        Families = dialect switch
        {
            Dialect.Bird16 => AddressFamilies.V4,
            Dialect.Bird16v6 => AddressFamilies.V6,
            _ => AddressFamilies.Both,
        },
        Channel = channel,
    };

    public static DirectOptions DirectOptionsFor(DirectConfig config, ChannelOptions channel) => new()
    {
        Interfaces = config.Interfaces.Select(p => new DirectInterfacePattern(p.Pattern, p.Negated, p.Prefix)).ToList(),
        CheckLink = config.CheckLink,
        Channel = channel,
    };
}
