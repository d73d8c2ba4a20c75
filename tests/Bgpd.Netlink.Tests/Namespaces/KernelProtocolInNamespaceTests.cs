using Bgpd.Net;
using Bgpd.Netlink.Kernel;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Static;
using Bgpd.Rib.Tables;

namespace Bgpd.Netlink.Tests.Namespaces;

/// <summary>The kernel protocol on a routing loop against a real kernel table in a test namespace.</summary>
[NonParallelizable]
public class KernelProtocolInNamespaceTests
{
    private static readonly ChannelOptions ExportAll = new() { ExportFilter = Filters.All };

    private static KernelProtocol StartKernel(LoopHost host, KernelOptions options, RoutingTable? table = null) => host.Invoke(() =>
    {
        var kernel = KernelProtocol.Create("kernel1", host.Loop, table ?? host.V4, options, host.Hub);
        kernel.Start();
        return kernel;
    });

    private static StaticProtocol StartStatic(LoopHost host, RoutingTable table, params StaticRouteOptions[] routes) => host.Invoke(() =>
    {
        var p = new StaticProtocol("static1", host.Loop, table, new StaticOptions { Routes = routes });
        p.Start();
        return p;
    });

    private static Route? Best(LoopHost host, string prefix, RoutingTable? table = null) =>
        host.Invoke(() => (table ?? host.V4).Find(Prefix.Parse(prefix))?.Best);

    [Test]
    public void Boot_route_on_a_tap_interface_is_learned_from_the_event_and_withdrawn_when_deleted()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("tap1234", "tap1234p", "10.99.0.1/24");
        using var host = new LoopHost(ns);
        StartKernel(host, new KernelOptions { Learn = true, ScanTimeSeconds = 600 });
        ns.Ip("route add 10.65.0.2 dev tap1234 proto boot scope link metric 1024");
        Assert.That(host.Eventually(() => host.V4.Find(Prefix.Parse("10.65.0.2/32"))?.Best is not null), Is.True,
            "the learned route must appear from the netlink event, well under a second");
        var route = Best(host, "10.65.0.2/32")!;
        Assert.Multiple(() =>
        {
            Assert.That(route.Attributes.Source, Is.EqualTo(RouteSource.Inherit));
            Assert.That(route.Attributes.Dest, Is.EqualTo(RouteDest.Device));
            Assert.That(route.Attributes.InterfaceName, Is.EqualTo("tap1234"));
            Assert.That(route.Preference, Is.EqualTo(10));
            Assert.That(route.Attributes.TryGet(EaId.KrtSource, out var source) ? source.AsInt : 0, Is.EqualTo(3u));
            Assert.That(route.Attributes.TryGet(EaId.KrtMetric, out var metric) ? metric.AsInt : 0, Is.EqualTo(1024u));
        });
        ns.Ip("route del 10.65.0.2 dev tap1234");
        Assert.That(host.Eventually(() => host.V4.Find(Prefix.Parse("10.65.0.2/32")) is null), Is.True);
    }

    [Test]
    public void Kernel_and_unspec_routes_are_not_learned_and_lowest_metric_alien_wins()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("rsv1", "rsv1p", "10.99.0.1/24");
        ns.AddVeth("rsv2", "rsv2p", "10.98.0.1/24");
        using var host = new LoopHost(ns);
        StartKernel(host, new KernelOptions { Learn = true, ScanTimeSeconds = 600 });
        ns.Ip("route add 10.80.0.0/24 dev rsv1 proto kernel");
        ns.Ip("route add 10.82.0.0/24 via 10.98.0.3 proto static metric 5");
        ns.Ip("route add 10.82.0.0/24 via 10.99.0.7 proto boot");
        ns.Ip("route add 10.79.0.0/24 via 10.99.0.1 proto 99 metric 7");
        Assert.That(host.Eventually(() => host.V4.Find(Prefix.Parse("10.79.0.0/24"))?.Best is not null), Is.True);
        Assert.That(host.Eventually(() => Best(host, "10.82.0.0/24")?.Attributes.Gateway == IpAddress.Parse("10.99.0.7")), Is.True);
        Assert.That(Best(host, "10.80.0.0/24"), Is.Null);
        Assert.That(Best(host, "10.99.0.0/24"), Is.Null, "connected (proto kernel) routes are never learned");
    }

    [Test]
    public void Exported_static_routes_appear_as_proto_bird_and_disappear_when_withdrawn()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("rsv16", "rsv16p", "10.99.0.1/24");
        using var host = new LoopHost(ns);
        StartKernel(host, new KernelOptions { Channel = ExportAll });
        var statics = StartStatic(host, host.V4,
            StaticRouteOptions.Blackhole(Prefix.Parse("10.10.1.0/24")),
            StaticRouteOptions.Via(Prefix.Parse("10.10.2.0/24"), IpAddress.Parse("10.99.0.2")),
            StaticRouteOptions.Unreachable(Prefix.Parse("10.10.3.0/24")),
            StaticRouteOptions.Multipath(Prefix.Parse("10.10.4.0/24"), new StaticNextHopOptions(IpAddress.Parse("10.99.0.3"), null, 2), new StaticNextHopOptions(IpAddress.Parse("10.99.0.2"))));
        Assert.That(Poll.Until(() => ns.Ip("route show proto bird").Contains("10.10.4.0/24"), TimeSpan.FromSeconds(2)), Is.True);
        var text = ns.Ip("route show proto bird");
        Assert.That(text, Does.Contain("blackhole 10.10.1.0/24"));
        Assert.That(text, Does.Contain("10.10.2.0/24 via 10.99.0.2 dev rsv16"));
        Assert.That(text, Does.Contain("unreachable 10.10.3.0/24"));
        Assert.That(text, Does.Contain("nexthop via 10.99.0.3 dev rsv16 weight 2"));
        Assert.That(text, Does.Contain("nexthop via 10.99.0.2 dev rsv16 weight 1"));
        host.Invoke(() => statics.Disable());
        Assert.That(Poll.Until(() => ns.Ip("route show proto bird").Trim().Length == 0, TimeSpan.FromSeconds(2)), Is.True);
    }

    [Test]
    public void A_scan_right_after_an_export_keeps_the_route_known_so_its_withdrawal_deletes_it_at_once()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("rsv16", "rsv16p", "10.99.0.1/24");
        using var host = new LoopHost(ns);
        var kernel = StartKernel(host, new KernelOptions { Channel = ExportAll, ScanTimeSeconds = 600 });
        var prefix = Prefix.Parse("10.10.2.0/24");
        // The export queues its kernel write; the scan runs in the same loop item, before that write's flush.
        var statics = host.Invoke(() =>
        {
            var p = new StaticProtocol("static1", host.Loop, host.V4, new StaticOptions { Routes = [StaticRouteOptions.Via(prefix, IpAddress.Parse("10.99.0.2"))] });
            p.Start();
            kernel.Scan();
            return p;
        });
        Assert.That(ns.Ip("route show proto bird"), Does.Contain("10.10.2.0/24 via 10.99.0.2"));
        Assert.That(host.Invoke(() => kernel.HasSyncError(prefix)), Is.False);
        Assert.That(host.Invoke(() => kernel.IsInstalled(prefix)), Is.True);

        host.Invoke(() => statics.Disable());
        // No scan is due for 600 s: only the withdrawal itself can remove the route.
        Assert.That(Poll.Until(() => ns.Ip("route show proto bird").Trim().Length == 0, TimeSpan.FromSeconds(2)), Is.True);
    }

    [Test]
    public void Persist_keeps_routes_when_the_protocol_stops_and_without_it_they_are_removed()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("rsv16", "rsv16p", "10.99.0.1/24");
        using var host = new LoopHost(ns);
        var kernel = StartKernel(host, new KernelOptions { Persist = true, Channel = ExportAll });
        StartStatic(host, host.V4, StaticRouteOptions.Via(Prefix.Parse("10.10.2.0/24"), IpAddress.Parse("10.99.0.2")));
        Assert.That(Poll.Until(() => ns.Ip("route show proto bird").Contains("10.10.2.0/24"), TimeSpan.FromSeconds(2)), Is.True);
        host.Invoke(() => kernel.Stop());
        Assert.That(ns.Ip("route show proto bird"), Does.Contain("10.10.2.0/24 via 10.99.0.2"));

        var plain = StartKernel(host, new KernelOptions { Persist = false, Channel = ExportAll });
        Assert.That(host.Invoke(() => plain.InstalledCount), Is.EqualTo(1), "the restarted protocol adopts the persisted route");
        host.Invoke(() => plain.Stop());
        Assert.That(ns.Ip("route show proto bird").Trim(), Is.Empty);
    }

    [Test]
    public void Scan_reinstalls_a_route_deleted_by_hand_and_removes_foreign_proto_bird_routes()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("rsv16", "rsv16p", "10.99.0.1/24");
        using var host = new LoopHost(ns);
        var kernel = StartKernel(host, new KernelOptions { Channel = ExportAll, ScanTimeSeconds = 1 });
        StartStatic(host, host.V4, StaticRouteOptions.Via(Prefix.Parse("10.10.2.0/24"), IpAddress.Parse("10.99.0.2")));
        Assert.That(Poll.Until(() => ns.Ip("route show proto bird").Contains("10.10.2.0/24"), TimeSpan.FromSeconds(2)), Is.True);
        ns.Ip("route del 10.10.2.0/24 proto bird");
        ns.Ip("route add 10.81.0.0/24 via 10.99.0.2 proto bird");
        // The periodic scan (scan time 1) repairs both within a few periods.
        Assert.That(Poll.Until(() =>
        {
            var text = ns.Ip("route show proto bird");
            return text.Contains("10.10.2.0/24") && !text.Contains("10.81.0.0/24");
        }, TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(host.Invoke(() => kernel.Scans), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Merge_paths_installs_equal_bgp_routes_as_one_multipath_route()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("rsv16", "rsv16p", "10.99.0.1/24");
        using var host = new LoopHost(ns);
        StartKernel(host, new KernelOptions { MergePaths = true, Channel = ExportAll });
        var (a, b) = host.Invoke(() =>
        {
            var p1 = new OriginProtocol("Mesh_10_99_0_2", host.Loop, host.V4);
            var p2 = new OriginProtocol("Mesh_10_99_0_3", host.Loop, host.V4);
            p1.Start();
            p2.Start();
            return (p1, p2);
        });
        host.Invoke(() => a.AnnounceBgp("172.31.2.0/24", "10.99.0.2", "rsv16"));
        host.Invoke(() => b.AnnounceBgp("172.31.2.0/24", "10.99.0.3", "rsv16"));
        Assert.That(Poll.Until(() => ns.Ip("route show 172.31.2.0/24").Contains("nexthop via 10.99.0.3"), TimeSpan.FromSeconds(2)), Is.True);
        var text = ns.Ip("route show 172.31.2.0/24");
        Assert.That(text, Does.Contain("nexthop via 10.99.0.2 dev rsv16 weight 1"));
        host.Invoke(() => b.Withdraw("172.31.2.0/24"));
        Assert.That(Poll.Until(() => ns.Ip("route show 172.31.2.0/24").Contains("172.31.2.0/24 via 10.99.0.2 dev rsv16 proto bird"), TimeSpan.FromSeconds(2)), Is.True);
        // A worse path (lower local preference) is not merged.
        host.Invoke(() => b.AnnounceBgp("172.31.2.0/24", "10.99.0.3", "rsv16", localPref: 50));
        host.Invoke(() => 0);
        Assert.That(ns.Ip("route show 172.31.2.0/24"), Does.Not.Contain("nexthop"));
    }

    [Test]
    public void Krt_tunnel_routes_through_tunl0_to_the_bgp_next_hop_with_onlink()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("rsv16", "rsv16p", "10.99.0.1/24");
        ns.AddVeth("tunl0", "tunl0p");
        using var host = new LoopHost(ns);
        var calico = Filters.FromDelegate("calico_kernel_programming", route =>
        {
            route.Set(EaId.KrtTunnel, EaValue.String("tunl0"));
            return FilterVerdict.Accept;
        });
        StartKernel(host, new KernelOptions { Channel = new ChannelOptions { ExportFilter = calico } });
        var peer = host.Invoke(() =>
        {
            var p = new OriginProtocol("Mesh_10_99_0_2", host.Loop, host.V4);
            p.Start();
            return p;
        });
        host.Invoke(() => peer.AnnounceBgp("192.168.20.0/26", "10.99.0.2", "rsv16"));
        Assert.That(Poll.Until(() => ns.Ip("route show proto bird").Contains("192.168.20.0/26"), TimeSpan.FromSeconds(2)), Is.True);
        Assert.That(ns.Ip("route show 192.168.20.0/26"), Does.Contain("192.168.20.0/26 via 10.99.0.2 dev tunl0 proto bird onlink"));
    }

    [Test]
    public void Ipv6_routes_are_exported_and_learned()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("rsv6", "rsv6p");
        ns.Ip("addr add fd00:99::1/64 dev rsv6 nodad");
        using var host = new LoopHost(ns);
        StartKernel(host, new KernelOptions { Learn = true, Channel = ExportAll }, host.V6);
        StartStatic(host, host.V6, StaticRouteOptions.Via(Prefix.Parse("fd00:30::/48"), IpAddress.Parse("fd00:99::3")),
            StaticRouteOptions.Blackhole(Prefix.Parse("fd00:20::/48")));
        Assert.That(Poll.Until(() => ns.Ip("-6 route show proto bird").Contains("fd00:30::/48 via fd00:99::3 dev rsv6"), TimeSpan.FromSeconds(2)), Is.True);
        Assert.That(ns.Ip("-6 route show proto bird"), Does.Contain("blackhole fd00:20::/48"));
        ns.Ip("-6 route add fd00:65::2/128 dev rsv6 proto boot metric 1024");
        Assert.That(host.Eventually(() => host.V6.Find(Prefix.Parse("fd00:65::2/128"))?.Best is not null), Is.True);
        Assert.That(host.Invoke(() => host.V4.NetCount), Is.Zero, "an IPv6 kernel protocol never touches the IPv4 table");
    }

    [Test]
    public void Interface_down_withdraws_learned_routes_through_it_and_deletion_does_too()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("tap1", "tap1p", "10.99.0.1/24");
        ns.AddVeth("tap2", "tap2p", "10.98.0.1/24");
        using var host = new LoopHost(ns);
        StartKernel(host, new KernelOptions { Learn = true, ScanTimeSeconds = 600 });
        ns.Ip("route add 10.65.0.2 dev tap1 proto boot scope link");
        ns.Ip("route add 10.65.0.3 dev tap2 proto boot scope link");
        Assert.That(host.Eventually(() => host.V4.Find(Prefix.Parse("10.65.0.3/32")) is not null && host.V4.Find(Prefix.Parse("10.65.0.2/32")) is not null), Is.True);
        // The kernel flushes IPv4 routes of a downed interface without telling anyone: we must rescan.
        ns.Ip("link set tap1 down");
        Assert.That(host.Eventually(() => host.V4.Find(Prefix.Parse("10.65.0.2/32")) is null), Is.True);
        ns.Ip("link set tap1 up");
        ns.Ip("route add 10.65.0.2 dev tap1 proto boot scope link");
        Assert.That(host.Eventually(() => host.V4.Find(Prefix.Parse("10.65.0.2/32")) is not null), Is.True);
        ns.Ip("link del tap2");
        Assert.That(host.Eventually(() => host.V4.Find(Prefix.Parse("10.65.0.3/32")) is null), Is.True);
    }

    [Test]
    public void Lost_notifications_trigger_a_full_resync_so_no_route_is_missed()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("tap1", "tap1p", "10.99.0.1/24");
        using var host = new LoopHost(ns, receiveBufferBytes: 2048);
        StartKernel(host, new KernelOptions { Learn = true, ScanTimeSeconds = 600 });
        var batch = Path.GetTempFileName();
        host.Invoke(() => host.Hub.HoldEvents(true));
        try
        {
            File.WriteAllLines(batch, Enumerable.Range(0, 3000).Select(i => $"route add 10.{64 + i / 250}.{i % 250}.0/24 dev tap1 proto boot"));
            ns.Ip($"-batch {batch}");
        }
        finally
        {
            File.Delete(batch);
            host.Invoke(() => host.Hub.HoldEvents(false));
        }
        Assert.That(host.Eventually(() => host.V4.NetCount == 3000, seconds: 10), Is.True,
            $"all 3000 routes must be learned; have {host.Invoke(() => host.V4.NetCount)}");
        Assert.That(host.Invoke(() => host.Hub.Overruns), Is.GreaterThan(0), "the tiny buffer must have overflowed for this test to mean anything");
    }

    [Test]
    public void Graceful_restart_keeps_stale_routes_until_recovery_ends_then_prunes_them()
    {
        using var ns = TestNamespace.Create();
        ns.AddVeth("rsv16", "rsv16p", "10.99.0.1/24");
        // Left behind by the previous run: one route still exported, one removed from the config.
        ns.Ip("route add 10.10.2.0/24 via 10.99.0.2 proto bird");
        ns.Ip("route add unreachable 10.10.3.0/24 proto bird");
        using var host = new LoopHost(ns);
        var kernel = host.Invoke(() =>
        {
            var k = KernelProtocol.Create("kernel1", host.Loop, host.V4,
                new KernelOptions { GracefulRestart = true, Channel = ExportAll, ScanTimeSeconds = 1 }, host.Hub, gracefulRestartRecovery: true);
            k.Start();
            return k;
        });
        StartStatic(host, host.V4, StaticRouteOptions.Via(Prefix.Parse("10.10.2.0/24"), IpAddress.Parse("10.99.0.2")));
        Assert.That(host.Eventually(() => kernel.Scans >= 2, seconds: 5), Is.True);
        Assert.That(host.Invoke(() => kernel.WaitingForGracefulRestart), Is.True);
        Assert.That(ns.Ip("route show proto bird"), Does.Contain("unreachable 10.10.3.0/24"), "stale routes survive while recovery is pending");
        host.Invoke(() => kernel.EndGracefulRestartWait());
        var text = ns.Ip("route show proto bird");
        Assert.That(text, Does.Not.Contain("10.10.3.0/24"));
        Assert.That(text, Does.Contain("10.10.2.0/24 via 10.99.0.2 dev rsv16"));
    }
}
