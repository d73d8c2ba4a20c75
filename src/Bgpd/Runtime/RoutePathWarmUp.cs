using Bgpd.Bgp.Protocol;
using Bgpd.Config.Model;
using Bgpd.Filters;
using Bgpd.Filters.Runtime;
using Bgpd.Netlink.Kernel;
using Bgpd.Rib.Protocols;

namespace Bgpd.Runtime;

/// <summary>
/// Before the routing loop starts: one route through the configured BGP session's filters and code,
/// through the kernel's export filter and the kernel route codec and sync, on private objects
/// (<see cref="BgpWarmUp"/>, <see cref="KernelWarmUp"/>), so the first
/// real route does not pay for compiling that code (measured in docs/lab.md). Only the first BGP
/// protocol's shape is used: the code is shared by all. Off with <c>BGPD_WARMUP=0</c>; a failure is
/// logged and ignored (it never affects routing).
/// </summary>
public static class RoutePathWarmUp
{
    public static void Run(BirdConfig config, uint routerId, Action<string> onFailure)
    {
        if (Environment.GetEnvironmentVariable("BGPD_WARMUP") == "0") return;
        if (config.Protocols.OfType<BgpConfig>().FirstOrDefault(b => b.MainChannel is not null && b.Confederation == 0) is not { } bgp) return;
        try
        {
            // A compilation of its own, silent: a `print` in a filter must not reach the log from here.
            var program = FilterCompiler.Compile(config, new FilterOptions { Output = FilterOutput.Silent });
            var ipv6 = config.Tables.FirstOrDefault(t => t.Name == (bgp.MainChannel!.Table ?? "master"))?.Type is NetType.Ipv6;
            var sink = config.Protocols.OfType<KernelConfig>().FirstOrDefault() is { } kernel
                ? NetlinkMapping.Kernel(kernel, program).Channel
                : new ChannelOptions();
            BgpWarmUp.Run(BgpProtocolOptions.FromConfig(bgp, routerId, ipv6), ChannelMapping.Options(bgp.MainChannel!, program), sink);
            if (config.Protocols.OfType<KernelConfig>().FirstOrDefault() is { } kernelConfig) KernelWarmUp.Run(ipv6, NetlinkMapping.Kernel(kernelConfig, program));
        }
        catch (Exception e)
        {
            onFailure($"route path warm-up skipped: {e.Message}");
        }
    }
}
