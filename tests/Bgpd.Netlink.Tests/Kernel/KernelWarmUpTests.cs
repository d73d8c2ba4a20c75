using Bgpd.Netlink.Kernel;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;

namespace Bgpd.Netlink.Tests.Kernel;

/// <summary>The start-up warm-up of the kernel side runs on private objects and sends nothing.</summary>
public class KernelWarmUpTests
{
    private sealed class CountingFilter : IRouteFilter
    {
        public string DisplayName => "counting";
        public HashSet<string> Seen { get; } = [];

        public FilterVerdict Run(RouteEditor route)
        {
            Seen.Add(route.Net.ToString());
            return FilterVerdict.Accept;
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Learns_the_notified_routes_and_installs_the_exported_ones_without_a_socket(bool ipv6)
    {
        var counts = KernelWarmUp.Run(ipv6);

        Assert.Multiple(() =>
        {
            Assert.That(counts.Learned, Is.EqualTo(KernelWarmUp.RouteCount), "every RTM_NEWROUTE of the batch was learned");
            Assert.That(counts.Installed, Is.EqualTo(KernelWarmUp.RouteCount), "every exported route was written (encoded, acknowledged offline)");
        });
    }

    [Test]
    public void Learned_routes_pass_the_configured_import_filter()
    {
        var import = new CountingFilter();

        KernelWarmUp.Run(false, new KernelOptions { MergePaths = true, Channel = new ChannelOptions { ImportFilter = import } });

        Assert.That(import.Seen, Has.Count.EqualTo(KernelWarmUp.RouteCount));
    }
}
