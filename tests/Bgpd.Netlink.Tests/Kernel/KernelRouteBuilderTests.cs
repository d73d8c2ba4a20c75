using Bgpd.Net;
using Bgpd.Netlink.Kernel;
using Bgpd.Netlink.Rtnetlink;
using Bgpd.Netlink.Tests.Namespaces;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;
using RibNextHop = Bgpd.Rib.Attributes.NextHop;
using KernelNextHop = Bgpd.Netlink.Rtnetlink.NextHop;

namespace Bgpd.Netlink.Tests.Kernel;

public class KernelRouteBuilderTests
{
    private static readonly Func<string?, int> Indexes = name => name switch { "rsv16" => 6, "tunl0" => 9, _ => 0 };
    private static readonly Func<int, string?> Names = index => index switch { 6 => "rsv16", 9 => "tunl0", _ => null };

    private static RouteAttributes Via(string gateway, params Ea[] eas) =>
        new(null, RouteSource.Bgp, RouteDest.Router, [new RibNextHop(IpAddress.Parse(gateway), "rsv16")], EaList.Create(eas));

    [Test]
    public void Gateway_route_becomes_a_proto_bird_unicast_route_with_resolved_interface()
    {
        var r = KernelRouteBuilder.ToKernel(Prefix.Parse("172.31.2.0/24"), Via("10.99.0.2"), 254, 0, Indexes)!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(r.Protocol, Is.EqualTo(RouteProtocol.Bird));
            Assert.That(r.Type, Is.EqualTo(RouteType.Unicast));
            Assert.That(r.Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.2")));
            Assert.That(r.OutputInterface, Is.EqualTo(6));
            Assert.That(r.Priority, Is.Zero, "BIRD 1.6 sends no RTA_PRIORITY by default");
            Assert.That(r.Table, Is.EqualTo(254u));
        });
    }

    [Test]
    public void Metric_option_wins_over_krt_metric_which_is_used_when_the_option_is_zero()
    {
        var attributes = Via("10.99.0.2", new Ea(EaId.KrtMetric, EaValue.Int(7)));
        Assert.That(KernelRouteBuilder.ToKernel(Prefix.Parse("10.1.0.0/16"), attributes, 254, 0, Indexes)!.Value.Priority, Is.EqualTo(7u));
        Assert.That(KernelRouteBuilder.ToKernel(Prefix.Parse("10.1.0.0/16"), attributes, 254, 32, Indexes)!.Value.Priority, Is.EqualTo(32u));
    }

    [Test]
    public void Krt_prefsrc_realm_and_metrics_are_written()
    {
        var attributes = Via("10.99.0.2",
            new Ea(EaId.KrtPrefSrc, EaValue.Ip(IpAddress.Parse("10.99.0.1"))),
            new Ea(EaId.KrtRealm, EaValue.Int(5)),
            new Ea(EaId.KrtMtu, EaValue.Int(1400)),
            new Ea(EaId.KrtLock, EaValue.Bitfield(1u << MetricAttr.Mtu)));
        var r = KernelRouteBuilder.ToKernel(Prefix.Parse("10.20.1.0/24"), attributes, 254, 0, Indexes)!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(r.PreferredSource, Is.EqualTo(IpAddress.Parse("10.99.0.1")));
            Assert.That(r.Flow, Is.EqualTo(5u));
            Assert.That(r.Metrics?[MetricAttr.Mtu], Is.EqualTo(1400u));
            Assert.That(r.Metrics?[MetricAttr.Lock], Is.EqualTo(1u << MetricAttr.Mtu));
        });
    }

    [Test]
    public void Krt_tunnel_sends_the_route_through_the_named_interface_onlink()
    {
        var attributes = Via("10.99.0.2", new Ea(EaId.KrtTunnel, EaValue.String("tunl0")));
        var r = KernelRouteBuilder.ToKernel(Prefix.Parse("192.168.20.0/26"), attributes, 254, 0, Indexes)!.Value;
        Assert.That((r.OutputInterface, r.IsOnlink, r.Gateway), Is.EqualTo((9, true, (IpAddress?)IpAddress.Parse("10.99.0.2"))));
    }

    [Test]
    public void Reject_routes_and_multipath_routes_map_to_kernel_types_and_rtnexthops()
    {
        var blackhole = new RouteAttributes(null, RouteSource.Static, RouteDest.Blackhole);
        Assert.That(KernelRouteBuilder.ToKernel(Prefix.Parse("10.10.1.0/24"), blackhole, 254, 0, Indexes)!.Value.Type, Is.EqualTo(RouteType.Blackhole));
        var multipath = new RouteAttributes(null, RouteSource.Static, RouteDest.Multipath,
            [new RibNextHop(IpAddress.Parse("10.99.0.3"), "rsv16", 6, 2), new RibNextHop(IpAddress.Parse("10.99.0.2"), "rsv16", 6)]);
        var r = KernelRouteBuilder.ToKernel(Prefix.Parse("10.10.4.0/24"), multipath, 254, 0, Indexes)!.Value;
        Assert.That(r.NextHops!.Select(h => (h.Gateway.ToString(), h.InterfaceIndex, h.Weight)),
            Is.EqualTo(new[] { ("10.99.0.3", 6, 2), ("10.99.0.2", 6, 1) }));
    }

    [Test]
    public void Device_route_on_an_unknown_interface_cannot_be_installed()
    {
        var device = new RouteAttributes(null, RouteSource.Device, RouteDest.Device, [RibNextHop.Device("gone0")]);
        Assert.That(KernelRouteBuilder.ToKernel(Prefix.Parse("10.1.0.0/24"), device, 254, 0, Indexes), Is.Null);
    }

    [Test]
    public void Learned_route_carries_krt_source_metric_prefsrc_and_realm_as_inherit()
    {
        var loop = new RoutingLoop();
        var self = new OriginProtocol("kernel1", loop, new RoutingTable("master", TableFamily.Ipv4, loop));
        var kernel = Routes.Via("10.84.0.0/24", "10.99.0.2", protocol: 42, metric: 9, oif: 6) with
        {
            PreferredSource = IpAddress.Parse("10.99.0.1"),
            Flow = 3,
        };
        var a = KernelRouteBuilder.FromKernel(kernel, self, Names)!;
        Assert.Multiple(() =>
        {
            Assert.That(a.Source, Is.EqualTo(RouteSource.Inherit));
            Assert.That(a.Dest, Is.EqualTo(RouteDest.Router));
            Assert.That(a.InterfaceName, Is.EqualTo("rsv16"));
            Assert.That(a.Attributes.Select(e => e.Id), Is.EqualTo(new[] { EaId.KrtSource, EaId.KrtMetric, EaId.KrtPrefSrc, EaId.KrtRealm }));
            Assert.That(a.TryGet(EaId.KrtSource, out var s) ? s.AsInt : 0, Is.EqualTo(42u));
            Assert.That(a.TryGet(EaId.KrtMetric, out var m) ? m.AsInt : 0, Is.EqualTo(9u));
        });
    }

    [Test]
    public void Learned_multipath_route_becomes_a_multipath_route_and_unknown_interfaces_are_skipped()
    {
        var loop = new RoutingLoop();
        var self = new OriginProtocol("kernel1", loop, new RoutingTable("master", TableFamily.Ipv4, loop));
        var kernel = Routes.Via("10.77.1.0/24", "10.99.0.2", protocol: RouteProtocol.Static) with
        {
            Gateway = null,
            OutputInterface = 0,
            NextHops = [new KernelNextHop(IpAddress.Parse("10.99.0.2"), 6), new KernelNextHop(IpAddress.Parse("10.99.0.3"), 6)],
        };
        var a = KernelRouteBuilder.FromKernel(kernel, self, Names)!;
        Assert.That(a.Dest, Is.EqualTo(RouteDest.Multipath));
        Assert.That(a.NextHops.Select(h => h.ToString()), Is.EqualTo(new[] { "via 10.99.0.2 on rsv16 weight 1", "via 10.99.0.3 on rsv16 weight 1" }));
        Assert.That(KernelRouteBuilder.FromKernel(kernel with { NextHops = [new KernelNextHop(IpAddress.Parse("10.99.0.2"), 77)] }, self, Names), Is.Null);
    }
}
