using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Static;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Protocols;

public class ReconfigureTests
{
    [Test]
    public void New_export_filter_is_applied_by_refeeding()
    {
        var rib = new TestRib();
        var peer = rib.Protocol("peer", "BGP", 100, new ChannelOptions { ExportFilter = Filters.None });
        rib.Protocol("static1", "Static", 200).Announce("10.0.0.0/24");
        Assert.That(peer.Exports, Is.Empty);

        var applied = peer.Channel.Reconfigure(new ChannelOptions { ExportFilter = Filters.All }, importFilterChanged: false, exportFilterChanged: true);

        Assert.That(applied, Is.True);
        Assert.That(peer.Exports, Has.Count.EqualTo(1));
        Assert.That(peer.Channel.ExportFilter, Is.SameAs(Filters.All));
    }

    [Test]
    public void Export_filter_that_now_rejects_withdraws_on_refeed()
    {
        var rib = new TestRib();
        var peer = rib.Protocol("peer", "BGP", 100, new ChannelOptions { ExportFilter = Filters.All });
        rib.Protocol("static1", "Static", 200).Announce("10.0.0.0/24");
        peer.Exports.Clear();

        peer.Channel.Reconfigure(new ChannelOptions { ExportFilter = Filters.None }, importFilterChanged: false, exportFilterChanged: true);

        Assert.That(peer.Exports, Has.Count.EqualTo(1));
        Assert.That(peer.Exports[0].New, Is.Null);
        Assert.That(peer.Exports[0].Old!.Prefix, Is.EqualTo(P("10.0.0.0/24")));
        Assert.That(peer.Channel.Stats.ExportedRoutes, Is.Zero);
    }

    [Test]
    public void Changed_limit_needs_a_restart()
    {
        var rib = new TestRib();
        var peer = rib.Protocol("peer", "BGP", 100, new ChannelOptions { ImportLimit = new RouteLimitOptions(10) });

        Assert.That(peer.Channel.Reconfigure(new ChannelOptions { ImportLimit = new RouteLimitOptions(20) }, false, false), Is.False);
        Assert.That(peer.Channel.Reconfigure(new ChannelOptions { ImportLimit = new RouteLimitOptions(10), ExportFilter = Filters.All }, false, true), Is.True);
    }

    [Test]
    public void Import_change_on_a_protocol_that_cannot_reimport_needs_a_restart()
    {
        var rib = new TestRib();
        var peer = rib.Protocol("peer", "BGP", 100);

        Assert.That(peer.Channel.Reconfigure(new ChannelOptions { ImportFilter = Filters.None }, importFilterChanged: true, exportFilterChanged: false), Is.False);
        Assert.That(peer.Channel.ImportFilter, Is.SameAs(Filters.All), "nothing was half-applied");
    }

    [Test]
    public void Static_reconfigure_keeps_unchanged_routes_and_applies_the_differences()
    {
        var rib = new TestRib();
        var p = new StaticProtocol("static1", rib.Loop, rib.Master, new StaticOptions
        {
            Routes = [StaticRouteOptions.Blackhole(P("10.10.1.0/24")), StaticRouteOptions.Unreachable(P("10.10.3.0/24"))],
        });
        p.Start();
        var kept = rib.Master.Find(P("10.10.1.0/24"))!.Best!;

        var applied = p.Reconfigure(new StaticOptions
        {
            Routes = [StaticRouteOptions.Blackhole(P("10.10.1.0/24")), StaticRouteOptions.Prohibit(P("10.10.5.0/24"))],
        }, false, false);

        Assert.That(applied, Is.True);
        Assert.That(p.State, Is.EqualTo(ProtocolState.Up));
        Assert.That(rib.Master.Find(P("10.10.1.0/24"))!.Best, Is.EqualTo(kept), "unchanged route not re-sent");
        Assert.That(rib.Master.Find(P("10.10.3.0/24")), Is.Null);
        Assert.That(rib.Master.Find(P("10.10.5.0/24"))!.Best!.Attributes.Dest, Is.EqualTo(Bgpd.Rib.Attributes.RouteDest.Prohibit));
    }

    [Test]
    public void Static_preference_change_reannounces_with_the_new_preference()
    {
        var rib = new TestRib();
        var p = new StaticProtocol("static1", rib.Loop, rib.Master, new StaticOptions { Routes = [StaticRouteOptions.Blackhole(P("10.10.1.0/24"))] });
        p.Start();

        Assert.That(p.Reconfigure(new StaticOptions
        {
            Channel = new ChannelOptions { Preference = 50 },
            Routes = [StaticRouteOptions.Blackhole(P("10.10.1.0/24"))],
        }, false, false), Is.True);

        Assert.That(rib.Master.Find(P("10.10.1.0/24"))!.Best!.Preference, Is.EqualTo(50));
        Assert.That(p.Reload(ReloadDirection.In), Is.False, "BIRD 1.6 cannot reload static on command");
    }
}
