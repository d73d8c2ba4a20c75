using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Net;

namespace Bgpd.Config.Tests;

/// <summary>Spot checks of the model built from Calico's compiled mesh/ipip-always config.</summary>
public class CalicoModelTests
{
    private static BirdConfig Load(string relative) => ConfigParser.ParseFile(Path.Combine(TestPaths.CalicoCompiled, relative));

    [Test]
    public void Mesh_config_has_router_id_and_protocols_in_declaration_order()
    {
        var config = Load("mesh/ipip-always/bird.cfg");
        Assert.That(config.RouterId, Is.EqualTo(IpAddress.Parse("10.192.0.2")));
        var names = config.Protocols.Select(p => p.Name).ToList();
        Assert.That(names.Take(4), Is.EqualTo(new[] { "static1", "kernel1", "device1", "direct1" }));
        Assert.That(names, Does.Contain("Mesh_10_192_0_3").And.Contain("Mesh_10_192_0_4"));
    }

    [Test]
    public void Bgp_peer_inherits_template_and_gets_BIRD_defaults()
    {
        var config = Load("mesh/ipip-always/bird.cfg");
        var peer = (BgpConfig)config.FindProtocol("Mesh_10_192_0_3")!;
        Assert.Multiple(() =>
        {
            Assert.That(peer.Template, Is.EqualTo("bgp_template"));
            Assert.That(peer.LocalAs, Is.EqualTo(64512u));
            Assert.That(peer.NeighborAs, Is.EqualTo(64512u));
            Assert.That(peer.NeighborAddress, Is.EqualTo(IpAddress.Parse("10.192.0.3")));
            Assert.That(peer.NeighborPort, Is.EqualTo(179));
            Assert.That(peer.SourceAddress, Is.EqualTo(IpAddress.Parse("10.192.0.2")));
            Assert.That(peer.IsInternal, Is.True);
            Assert.That(peer.Multihop, Is.EqualTo(64));
            Assert.That(peer.Gateway, Is.EqualTo(GatewayMode.Recursive));
            Assert.That(peer.AddPaths, Is.EqualTo(AddPathMode.On));
            Assert.That(peer.GracefulRestart, Is.EqualTo(GracefulRestartMode.On));
            Assert.That(peer.HoldTime, Is.EqualTo(240));
            Assert.That(peer.KeepaliveTime, Is.EqualTo(80));
            Assert.That(peer.ConnectDelayTime, Is.EqualTo(2));
            Assert.That(peer.ConnectRetryTime, Is.EqualTo(5));
            Assert.That((peer.ErrorWaitTimeMin, peer.ErrorWaitTimeMax), Is.EqualTo((5, 30)));
            Assert.That(peer.Debug, Is.EqualTo(DebugFlags.States | DebugFlags.Routes | DebugFlags.Filters | DebugFlags.Events));
            Assert.That(peer.Description, Is.EqualTo("Connection to BGP peer"));
            Assert.That(peer.MainChannel!.Preference, Is.EqualTo(100));
            Assert.That(peer.MainChannel.Import, Is.TypeOf<FilterInline>());
            Assert.That(peer.MainChannel.Export, Is.TypeOf<FilterInline>());
        });
    }

    [Test]
    public void Kernel_device_direct_and_static_get_their_options_and_defaults()
    {
        var config = Load("mesh/ipip-always/bird.cfg");
        var kernel = config.Protocols.OfType<KernelConfig>().Single();
        var device = config.Protocols.OfType<DeviceConfig>().Single();
        var direct = config.Protocols.OfType<DirectConfig>().Single();
        var statics = config.Protocols.OfType<StaticConfig>().First();
        Assert.Multiple(() =>
        {
            Assert.That(kernel.Learn && kernel.Persist && kernel.GracefulRestart && kernel.MergePaths, Is.True);
            Assert.That(kernel.ScanTime, Is.EqualTo(2));
            Assert.That(kernel.MergePathsLimit, Is.EqualTo(16));
            Assert.That(kernel.KernelTable, Is.EqualTo(254u));
            Assert.That(kernel.Metric, Is.EqualTo(0u));
            Assert.That(kernel.MainChannel!.Preference, Is.EqualTo(10));
            Assert.That(kernel.MainChannel.Import, Is.TypeOf<FilterAll>());
            Assert.That(kernel.MainChannel.Export, Is.EqualTo(new FilterNamed(SourcePos.None, "calico_kernel_programming")));
            Assert.That(device.ScanTime, Is.EqualTo(2));
            Assert.That(device.MainChannel!.Preference, Is.EqualTo(240));
            Assert.That(direct.Interfaces.Select(i => (i.Pattern, i.Negated)),
                Is.EqualTo(new[] { ("cali*", true), ("kube-ipvs*", true), ("*", false) }));
            Assert.That(direct.MainChannel!.Preference, Is.EqualTo(240));
            Assert.That(statics.MainChannel!.Preference, Is.EqualTo(200));
            Assert.That(statics.Routes, Is.Not.Empty);
            Assert.That(statics.Routes.All(r => r.Kind == StaticRouteKind.Blackhole), Is.True);
        });
    }

    [Test]
    public void Symbols_list_every_global_name_with_its_kind()
    {
        var config = Load("mesh/ipip-always/bird.cfg");
        var kinds = config.Symbols.All.ToDictionary(s => s.Name, s => s.KindText);
        Assert.Multiple(() =>
        {
            Assert.That(kinds["master"], Is.EqualTo("routing table"));
            Assert.That(kinds["apply_communities"], Is.EqualTo("function"));
            Assert.That(kinds["calico_kernel_programming"], Is.EqualTo("filter"));
            Assert.That(kinds["bgp_template"], Is.EqualTo("protocol template"));
            Assert.That(kinds["Mesh_10_192_0_3"], Is.EqualTo("protocol"));
            Assert.That(kinds["kernel1"], Is.EqualTo("protocol"));
        });
        Assert.That(config.FindFunction("calico_export_to_bgp_peers")!.Parameters.Single(),
            Is.EqualTo(new VarDecl(SourcePos.None, new TypeSpec(FilterBaseType.Bool, false), "internal_peer")));
    }

    [Test]
    public void Bird6_config_reads_ipv6_neighbors_and_quad_router_id()
    {
        var path = Directory.EnumerateFiles(TestPaths.CalicoCompiled, "bird6.cfg", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .First(p => File.ReadAllText(p).Contains("neighbor fd"));
        var config = ConfigParser.ParseFile(path);
        Assert.That(config.Dialect, Is.EqualTo(Dialect.Bird16v6));
        Assert.That(config.RouterId!.Value.IsV6, Is.False);
        var peer = config.Protocols.OfType<BgpConfig>().First();
        Assert.That(peer.NeighborAddress!.Value.IsV6, Is.True);
        Assert.That(peer.MainChannel!.Table, Is.EqualTo("master"));
        Assert.That(peer.MainChannel.Type, Is.EqualTo(NetType.Ipv6));
    }

    [Test]
    public void OpenStack_route_reflector_has_rr_clients()
    {
        var config = ConfigParser.ParseFile(Path.Combine(TestPaths.CalicoOpenStack, "controller-route-reflector.bird.conf"));
        var peers = config.Protocols.OfType<BgpConfig>().ToList();
        Assert.That(peers, Is.Not.Empty);
        Assert.That(peers.All(p => p.RrClient), Is.True);
    }

    [Test]
    public void Largest_calico_config_parses_with_its_filters()
    {
        var largest = CalicoCorpus.Largest();
        var config = ConfigParser.ParseFile(largest);
        Assert.That(config.Functions.Count, Is.GreaterThan(5));
    }
}

/// <summary>Finds corpus files shared with the benchmark.</summary>
internal static class CalicoCorpus
{
    /// <summary>The biggest main config (bird.cfg / bird6.cfg) including what it includes.</summary>
    public static string Largest() =>
        Directory.EnumerateFiles(TestPaths.CalicoCompiled, "*.cfg", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) is "bird.cfg" or "bird6.cfg")
            .OrderByDescending(p => new FileInfo(p).Length + Directory.EnumerateFiles(Path.GetDirectoryName(p)!, "*.cfg").Sum(f => new FileInfo(f).Length))
            .ThenBy(p => p, StringComparer.Ordinal)
            .First();
}
