using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using static Bgpd.Filters.Tests.Calico.CalicoRoutes;

namespace Bgpd.Filters.Tests.Calico;

/// <summary>Filters of configs rendered by Calico's confd: peer export with communities, kernel programming with krt_tunnel.</summary>
public class CompiledTemplateFilterTests
{
    private static BirdConfig Parse(params string[] path) => ConfigParser.ParseFile(SharedFixtures.Path_(["fixtures", "calico", "compiled", .. path]));

    private static IRouteFilter PeerExport()
    {
        var config = Parse("mesh", "communities", "bird.cfg");
        var program = FilterCompiler.Compile(config);
        return program.Compile(config.FindProtocol("Mesh_10_192_0_3")!.MainChannel!.Export).Rib();
    }

    private static IRouteFilter KernelProgramming()
    {
        var program = FilterCompiler.Compile(Parse("cluster_routes", "enabled", "bird.cfg"));
        return program.FindFilter("calico_kernel_programming")!.Rib();
    }

    [Test]
    public void A_host_block_is_exported_with_the_configured_communities()
    {
        var (verdict, e) = Run(PeerExport(), "192.168.221.192/26", Blackhole());
        Assert.That(verdict, Is.EqualTo(FilterVerdict.Accept));
        Assert.That(e.Communities(), Is.EqualTo(new uint[] { (100u << 16) | 6532, (5663u << 16) | 12 }));
        Assert.That(e.Large(), Is.EqualTo(new[] { new LargeCommunity(100, 555, 107) }));
        Assert.That(e.Int(EaId.BgpLocalPref), Is.EqualTo(2147483647 - 1024));
    }

    [Test]
    public void A_workload_inside_a_confirmed_block_is_aggregated_away_unless_elevated()
    {
        Assert.That(Run(PeerExport(), "192.168.221.200/32", Kernel("cali12345", 1024)).Verdict, Is.EqualTo(FilterVerdict.Reject));
        Assert.That(Run(PeerExport(), "192.168.221.200/32", Kernel("cali12345", 512)).Verdict, Is.EqualTo(FilterVerdict.Accept));
    }

    [TestCase("tunl0", "192.168.7.0/26")]
    [TestCase("eth0", "10.5.0.0/16")]
    public void Tunnel_routes_and_foreign_prefixes_are_not_exported(string ifname, string net) =>
        Assert.That(Run(PeerExport(), net, Device(ifname)).Verdict, Is.EqualTo(FilterVerdict.Reject));

    [TestCase("192.168.5.0/26", "10.192.0.3", "tunl0")]
    [TestCase("172.16.1.0/26", "10.192.0.5", "")]
    [TestCase("172.16.1.0/26", "10.200.0.5", "tunl0")]
    public void Kernel_programming_picks_the_tunnel_by_prefix_and_next_hop(string net, string nextHop, string tunnel)
    {
        var (verdict, e) = Run(KernelProgramming(), net, Bgp(nextHop, 100));
        Assert.That(verdict, Is.EqualTo(FilterVerdict.Accept));
        Assert.That(e.Str(EaId.KrtTunnel), Is.EqualTo(tunnel));
        Assert.That(e.Int(EaId.KrtMetric), Is.EqualTo(2147483647 - 100));
    }

    [Test]
    public void Kernel_programming_prefers_elevated_bgp_routes_and_leaves_kernel_routes_alone()
    {
        var (_, e) = Run(KernelProgramming(), "10.9.0.0/24", Bgp("10.192.0.3", 2147483647 - 512));
        Assert.That(e.Preference, Is.EqualTo(200));
        var (v2, e2) = Run(KernelProgramming(), "10.9.0.0/24", Kernel("eth0", 100));
        Assert.That(v2, Is.EqualTo(FilterVerdict.Accept));
        Assert.That(e2.AttributesChanged, Is.False);
    }
}
