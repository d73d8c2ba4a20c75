using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>The start-up warm-up really drives a route through the BGP filters and code, and takes it back.</summary>
public class BgpWarmUpTests
{
    private sealed class CountingFilter(string name) : IRouteFilter
    {
        public string DisplayName => name;
        public List<string> Seen { get; } = [];

        public FilterVerdict Run(RouteEditor route)
        {
            Seen.Add(route.Net.ToString());
            return FilterVerdict.Accept;
        }
    }

    private static BgpProtocolOptions Options(bool ipv6) => new()
    {
        Session = new SessionOptions
        {
            LocalAs = 99,
            PeerAs = 99,
            LocalId = 0x02010101,
            PeerAddress = IpAddress.Parse(ipv6 ? "fd00::10" : "2.1.1.10"),
            Capabilities = SessionOptions.DefaultCapabilities([ipv6 ? BgpFamily.IPv6Unicast : BgpFamily.IPv4Unicast], 99),
        },
        Family = ipv6 ? BgpFamily.IPv6Unicast : BgpFamily.IPv4Unicast,
        Multihop = 64,
        GatewayRecursive = true,
        NextHopSelf = true,
    };

    [TestCase(false)]
    [TestCase(true)]
    public void A_route_passes_the_export_and_import_filters_and_reaches_the_sink(bool ipv6)
    {
        var import = new CountingFilter("import");
        var export = new CountingFilter("export");
        var sink = new CountingFilter("kernel export");

        BgpWarmUp.Run(Options(ipv6), new ChannelOptions { ImportFilter = import, ExportFilter = export }, new ChannelOptions { ExportFilter = sink });

        var (sent, received) = ipv6 ? ("fd00:fffe::1/128", "fd00:fffe::2/128") : ("10.255.255.1/32", "10.255.255.2/32");
        Assert.Multiple(() =>
        {
            Assert.That(export.Seen, Does.Contain(sent), "the kernel-like route left through a session's export filter");
            Assert.That(import.Seen, Does.Contain(received), "the injected UPDATE went through the import filter");
            Assert.That(sink.Seen, Does.Contain(received), "the BGP route reached the kernel's export filter");
        });
    }
}
