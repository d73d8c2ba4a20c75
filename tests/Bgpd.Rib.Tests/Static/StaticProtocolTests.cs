using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Static;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Static;

public class StaticProtocolTests
{
    private static StaticProtocol Start(TestRib rib, IInterfaceView? interfaces, params StaticRouteOptions[] routes)
    {
        var p = new StaticProtocol("static1", rib.Loop, rib.Master, new StaticOptions { Routes = routes }, interfaces);
        p.Start();
        return p;
    }

    [TestCase("blackhole", RouteDest.Blackhole)]
    [TestCase("unreachable", RouteDest.Unreachable)]
    [TestCase("prohibit", RouteDest.Prohibit)]
    public void Reject_routes_are_installed_at_once(string kind, RouteDest dest)
    {
        var rib = new TestRib();
        var route = kind switch
        {
            "blackhole" => StaticRouteOptions.Blackhole(P("10.10.1.0/24")),
            "unreachable" => StaticRouteOptions.Unreachable(P("10.10.1.0/24")),
            _ => StaticRouteOptions.Prohibit(P("10.10.1.0/24")),
        };
        Start(rib, new FakeInterfaces(), route);

        var best = rib.Master.Find(P("10.10.1.0/24"))!.Best!;
        Assert.That(best.Attributes.Dest, Is.EqualTo(dest));
        Assert.That(best.Attributes.Source, Is.EqualTo(RouteSource.Static));
        Assert.That(best.Attributes.Scope, Is.EqualTo(RouteScope.Universe));
        Assert.That(best.Preference, Is.EqualTo(200));
    }

    [Test]
    public void Gateway_route_is_installed_on_the_interface_where_the_gateway_is_a_neighbour()
    {
        var rib = new TestRib();
        var ifs = new FakeInterfaces();
        ifs.Add("rsv16", 5, "10.99.0.0/24");
        Start(rib, ifs, StaticRouteOptions.Via(P("10.10.2.0/24"), Ip("10.99.0.2")));

        var hop = rib.Master.Find(P("10.10.2.0/24"))!.Best!.Attributes.NextHops.Single();
        Assert.That((hop.Gateway, hop.InterfaceName, hop.InterfaceIndex), Is.EqualTo((Ip("10.99.0.2"), "rsv16", 5)));
    }

    [Test]
    public void Gateway_route_waits_dormant_until_the_gateway_becomes_reachable()
    {
        var rib = new TestRib();
        var ifs = new FakeInterfaces();
        var p = Start(rib, ifs, StaticRouteOptions.Via(P("10.10.2.0/24"), Ip("10.99.0.2")));
        Assert.That(rib.Master.Find(P("10.10.2.0/24")), Is.Null);
        Assert.That(p.ShowLines(), Is.EqualTo(new[] { "10.10.2.0/24 via 10.99.0.2 (dormant)" }));

        ifs.Add("rsv16", 5, "10.99.0.0/24");
        Assert.That(rib.Master.Find(P("10.10.2.0/24"))!.Best, Is.Not.Null);

        ifs.SetUp("rsv16", false);
        Assert.That(rib.Master.Find(P("10.10.2.0/24")), Is.Null);
        Assert.That(p.Channel.Stats.ImportWithdrawsAccepted, Is.EqualTo(1));
    }

    [Test]
    public void Interface_change_that_does_not_affect_a_route_does_not_reannounce_it()
    {
        var rib = new TestRib();
        var ifs = new FakeInterfaces();
        ifs.Add("rsv16", 5, "10.99.0.0/24");
        var p = Start(rib, ifs, StaticRouteOptions.Via(P("10.10.2.0/24"), Ip("10.99.0.2")));
        ifs.Add("eth9", 9, "192.0.2.0/24");

        Assert.That(p.Channel.Stats.ImportUpdatesReceived, Is.EqualTo(1));
    }

    [Test]
    public void Stopped_static_protocol_ignores_interface_changes()
    {
        var rib = new TestRib();
        var ifs = new FakeInterfaces();
        var p = Start(rib, ifs, StaticRouteOptions.Via(P("10.10.2.0/24"), Ip("10.99.0.2")));
        p.Disable();
        ifs.Add("rsv16", 5, "10.99.0.0/24");

        Assert.That(rib.Master.NetCount, Is.Zero);
        p.Enable();
        Assert.That(rib.Master.NetCount, Is.EqualTo(1));
    }

    [Test]
    public void Device_route_needs_its_interface_up()
    {
        var rib = new TestRib();
        var ifs = new FakeInterfaces();
        ifs.Add("tunl0", 7, "10.0.0.0/32", up: false);
        Start(rib, ifs, StaticRouteOptions.Device(P("10.10.5.0/24"), "tunl0"));
        Assert.That(rib.Master.Find(P("10.10.5.0/24")), Is.Null);

        ifs.SetUp("tunl0", true);
        var best = rib.Master.Find(P("10.10.5.0/24"))!.Best!;
        Assert.That(best.Attributes.Dest, Is.EqualTo(RouteDest.Device));
        Assert.That(best.Attributes.Source, Is.EqualTo(RouteSource.StaticDevice));
        Assert.That(best.Attributes.InterfaceName, Is.EqualTo("tunl0"));
    }

    [Test]
    public void Multipath_orders_next_hops_as_bird_does_and_keeps_weights()
    {
        var rib = new TestRib();
        var ifs = new FakeInterfaces();
        ifs.Add("rsv16", 5, "10.99.0.0/24");
        var p = Start(rib, ifs, StaticRouteOptions.Multipath(P("10.10.4.0/24"),
            new StaticNextHopOptions(Ip("10.99.0.2"), Weight: 1),
            new StaticNextHopOptions(Ip("10.99.0.3"), Weight: 2)));

        var attrs = rib.Master.Find(P("10.10.4.0/24"))!.Best!.Attributes;
        Assert.That(attrs.Dest, Is.EqualTo(RouteDest.Multipath));
        // BIRD 1.6.8 show route: "via 10.99.0.3 on rsv16 weight 2" then "via 10.99.0.2 on rsv16 weight 1".
        var bird = Fixtures.RawReplyBodies("show_route_for_multipath_all.txt");
        Assert.That(attrs.NextHops.Select(h => "\t" + h), Is.EqualTo(bird.Where(l => l.StartsWith("\tvia", StringComparison.Ordinal))));
        Assert.That(p.ShowLines(), Is.EqualTo(new[] { "10.10.4.0/24 multipath", "\tvia 10.99.0.2 weight 1", "\tvia 10.99.0.3 weight 2" }));
    }

    [Test]
    public void Multipath_installs_the_reachable_subset()
    {
        var rib = new TestRib();
        var ifs = new FakeInterfaces();
        ifs.Add("rsv16", 5, "10.99.0.0/24");
        Start(rib, ifs, StaticRouteOptions.Multipath(P("10.10.4.0/24"),
            new StaticNextHopOptions(Ip("10.99.0.2")),
            new StaticNextHopOptions(Ip("192.0.2.1"))));

        Assert.That(rib.Master.Find(P("10.10.4.0/24"))!.Best!.Attributes.NextHops.Select(h => h.Gateway), Is.EqualTo(new[] { Ip("10.99.0.2") }));
    }

    [Test]
    public void Recursive_route_is_kept_unreachable_until_resolution_exists()
    {
        var rib = new TestRib();
        Start(rib, null, StaticRouteOptions.Recursive(P("10.10.6.0/24"), Ip("172.16.0.1")));

        var attrs = rib.Master.Find(P("10.10.6.0/24"))!.Best!.Attributes;
        Assert.That(attrs.Dest, Is.EqualTo(RouteDest.Unreachable));
        Assert.That(attrs.IsRecursive, Is.True);
    }

    [Test]
    public void Without_an_interface_view_gateway_routes_are_installed_as_configured()
    {
        var rib = new TestRib();
        Start(rib, null, StaticRouteOptions.Via(P("10.10.2.0/24"), Ip("10.99.0.2"), "eth0"));

        var hop = rib.Master.Find(P("10.10.2.0/24"))!.Best!.Attributes.NextHops.Single();
        Assert.That((hop.Gateway, hop.InterfaceName), Is.EqualTo((Ip("10.99.0.2"), "eth0")));
    }

    [Test]
    public void Per_route_commands_set_attributes()
    {
        var rib = new TestRib();
        var tag = Filters.FromDelegate("(unnamed)", r =>
        {
            r.Set(EaId.BgpCommunity, EaValue.IntSet([(65003u << 16) | 7]));
            return FilterVerdict.Accept;
        });
        Start(rib, null, StaticRouteOptions.Blackhole(P("10.20.1.0/24")) with { Commands = tag });

        Assert.That(rib.Master.Find(P("10.20.1.0/24"))!.Best!.Attributes.Attributes.Contains(EaId.BgpCommunity), Is.True);
    }

    [Test]
    public void Show_static_lines_match_bird_for_the_lab_routes()
    {
        var rib = new TestRib();
        var ifs = new FakeInterfaces();
        ifs.Add("rsv16", 5, "10.99.0.0/24");
        var p = Start(rib, ifs,
            StaticRouteOptions.Blackhole(P("10.10.1.0/24")),
            StaticRouteOptions.Via(P("10.10.2.0/24"), Ip("10.99.0.2")),
            StaticRouteOptions.Unreachable(P("10.10.3.0/24")),
            StaticRouteOptions.Multipath(P("10.10.4.0/24"), new StaticNextHopOptions(Ip("10.99.0.2"), Weight: 1), new StaticNextHopOptions(Ip("10.99.0.3"), Weight: 2)),
            StaticRouteOptions.Blackhole(P("192.168.16.0/26")));

        Assert.That(p.ShowLines(), Is.EqualTo(Fixtures.RawReplyBodies("show_static.txt").Where(l => l.Length > 0 && l != "BIRD 1.6.8 ready.")));
    }

    [Test]
    public void Static_protocol_receives_no_exports_and_cannot_reload()
    {
        var rib = new TestRib();
        rib.Protocol("other", "BGP", 100).Announce("10.50.0.0/16");
        var p = Start(rib, null, StaticRouteOptions.Blackhole(P("10.10.1.0/24")));

        Assert.That(p.Channel.Stats.ExportUpdatesReceived, Is.Zero);
        Assert.That(p.Reload(ReloadDirection.In), Is.False);
    }
}
