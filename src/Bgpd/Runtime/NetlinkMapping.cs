using Bgpd.Config.Model;
using Bgpd.Filters;
using Bgpd.Netlink.Device;
using Bgpd.Netlink.Direct;
using Bgpd.Netlink.Kernel;

namespace Bgpd.Runtime;

/// <summary>Maps <c>protocol device|direct|kernel</c> onto the netlink protocols' options.</summary>
public static class NetlinkMapping
{
    public static DeviceOptions Device(DeviceConfig c, BirdConfig bird, FilterProgram program) => new()
    {
        ScanTimeSeconds = c.ScanTime,
        Primary = c.Primary.Select(p => (p.InterfacePattern, p.Address)).ToList(),
        Families = bird.Dialect switch
        {
            Dialect.Bird16 => AddressFamilies.V4,
            Dialect.Bird16v6 => AddressFamilies.V6,
            _ => AddressFamilies.Both,
        },
        Channel = c.MainChannel is { } channel ? ChannelMapping.Options(channel, program) : new(),
    };

    public static DirectOptions Direct(DirectConfig c, FilterProgram program) => new()
    {
        Interfaces = c.Interfaces.Select(i => new DirectInterfacePattern(i.Pattern, i.Negated, i.Prefix)).ToList(),
        CheckLink = c.CheckLink,
        Channel = ChannelMapping.Options(c.MainChannel!, program),
    };

    public static KernelOptions Kernel(KernelConfig c, FilterProgram program) => new()
    {
        KernelTable = c.KernelTable,
        Metric = c.Metric,
        Learn = c.Learn,
        Persist = c.Persist,
        DeviceRoutes = c.DeviceRoutes,
        ScanTimeSeconds = c.ScanTime,
        MergePaths = c.MergePaths,
        MergePathsLimit = c.MergePathsLimit,
        GracefulRestart = c.GracefulRestart,
        Channel = ChannelMapping.Options(c.MainChannel!, program),
    };
}
