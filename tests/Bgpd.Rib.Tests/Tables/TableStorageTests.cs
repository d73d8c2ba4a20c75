using Bgpd.Net;
using Bgpd.Rib.Tables;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Tables;

/// <summary>The table's compact storage: many networks, several routes per network, flush and re-add, packed route fields.</summary>
public class TableStorageTests
{
    private static string HostRoute(int i) => new Prefix(IpAddress.V4(0x0A000000u + (uint)i), 32).ToString();

    [Test]
    public void Thousands_of_networks_with_two_routes_each_survive_a_flush_of_one_source()
    {
        var rib = new TestRib();
        var low = rib.Protocol("low", "BGP", 100);
        var high = rib.Protocol("high", "Static", 200);
        const int count = 5000;
        for (var i = 0; i < count; i++)
        {
            low.Announce(HostRoute(i));
            high.Announce(HostRoute(i));
        }
        Assert.That(rib.Master.NetCount, Is.EqualTo(count));
        Assert.That(rib.Master.RouteCount, Is.EqualTo(2 * count));

        high.Stop();
        rib.Loop.RunPending();

        Assert.That(rib.Master.NetCount, Is.EqualTo(count));
        Assert.That(rib.Master.RouteCount, Is.EqualTo(count));
        for (var i = 0; i < count; i++)
        {
            var net = rib.Master.Find(P(HostRoute(i)));
            if (net is not { RouteCount: 1, Best.Source.Name: "low" }) Assert.Fail($"{HostRoute(i)}: {net}");
        }
        Assert.That(rib.Master.SortedNets().Select(n => n.Prefix.ToString()), Is.EqualTo(Enumerable.Range(0, count).Select(HostRoute)));
    }

    [Test]
    public void Flushing_every_route_empties_the_table_and_it_fills_again()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        for (var i = 0; i < 3000; i++) p.Announce(HostRoute(i));

        p.Stop();
        rib.Loop.RunPending();
        Assert.That(rib.Master.NetCount, Is.Zero);
        Assert.That(rib.Master.Nets, Is.Empty);
        Assert.That(rib.Master.Find(P(HostRoute(7))), Is.Null);

        p.Start();
        rib.Loop.RunPending();
        p.Announce(HostRoute(7));
        Assert.That(rib.Master.NetCount, Is.EqualTo(1));
        Assert.That(rib.Master.Find(P(HostRoute(7)))!.Best!.Source, Is.SameAs(p));
    }

    [Test]
    public void Route_keeps_preference_time_and_flags_apart()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        rib.Time.Advance(TimeSpan.FromMilliseconds(1234));
        var announcedAt = rib.Time.GetUtcNow();
        p.Announce("10.0.0.0/8", preference: 65535);

        var route = rib.Master.Find(P("10.0.0.0/8"))!.First!.Value;
        route.Suppressed = true;

        Assert.That(route.Preference, Is.EqualTo(65535));
        Assert.That(route.LastModified, Is.EqualTo(announcedAt));
        Assert.That(route.Suppressed, Is.True);
        Assert.That(route.IsStale, Is.False);
        Assert.That(route.IsFiltered, Is.False);

        route.Suppressed = false;
        p.Channel.BeginRefresh();
        Assert.That(route.IsStale, Is.True);
        Assert.That(route.Suppressed, Is.False);
        Assert.That(route.Preference, Is.EqualTo(65535));
        Assert.That(route.LastModified, Is.EqualTo(announcedAt));
    }

    [Test]
    public void Sender_is_the_channel_that_imported_the_route_even_for_another_source()
    {
        var rib = new TestRib();
        var origin = rib.Protocol("origin");
        var forwarder = rib.Protocol("forwarder");
        origin.Announce("10.1.0.0/16");
        forwarder.Channel.Update(P("10.2.0.0/16"), origin.Attributes(Ip("192.0.2.1")));

        var own = rib.Master.Find(P("10.1.0.0/16"))!.First!;
        var forwarded = rib.Master.Find(P("10.2.0.0/16"))!.First!;

        Assert.That(own.Sender, Is.SameAs(origin.Channel));
        Assert.That(forwarded.Source, Is.SameAs(origin));
        Assert.That(forwarded.Sender, Is.SameAs(forwarder.Channel));
        forwarder.Stop();
        rib.Loop.RunPending();
        Assert.That(rib.Master.Find(P("10.2.0.0/16")), Is.Null, "the forwarder's flush takes the route it sent");
        Assert.That(rib.Master.Find(P("10.1.0.0/16")), Is.Not.Null);
    }

    [Test]
    public void A_route_knows_its_network()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");

        p.Announce("10.0.0.0/8");

        var net = rib.Master.Find(P("10.0.0.0/8"))!;
        Assert.That(net.First!.Network, Is.EqualTo(net.Value));
        Assert.That(net.First.Prefix, Is.EqualTo(P("10.0.0.0/8")));
        Assert.That(net.RouteCount, Is.EqualTo(1));
    }

    [Test]
    public void A_replaced_stored_route_stays_readable_for_the_export_of_old_and_new()
    {
        var rib = new TestRib();
        var source = rib.Protocol("source");
        var watcher = rib.Protocol("watcher");
        source.Announce("10.0.0.0/8", source.Attributes(Ip("192.0.2.1")), preference: 150);
        var stored = rib.Master.Find(P("10.0.0.0/8"))!.First!;

        source.Announce("10.0.0.0/8", source.Attributes(Ip("192.0.2.2")));

        var net = rib.Master.Find(P("10.0.0.0/8"))!;
        var change = watcher.Exports[^1];
        Assert.That(change.Old, Is.EqualTo(stored));
        Assert.That(change.New, Is.EqualTo(net.First));
        Assert.That(change.New, Is.Not.EqualTo(stored));
        Assert.That(stored.Attributes.NextHops[0].Gateway, Is.EqualTo(Ip("192.0.2.1")), "the old route keeps its attributes");
        Assert.That(stored.Preference, Is.EqualTo(150));
        Assert.That(stored.Prefix, Is.EqualTo(P("10.0.0.0/8")));
        Assert.That(stored.IsBest, Is.False);
        Assert.That(net.First!.Attributes.NextHops[0].Gateway, Is.EqualTo(Ip("192.0.2.2")));
        Assert.That(net.First.Network, Is.EqualTo(net.Value));
        Assert.That(net.RouteCount, Is.EqualTo(1));
        Assert.That(rib.Master.RouteCount, Is.EqualTo(1));
    }

    [Test]
    public void Withdrawing_the_stored_route_leaves_the_others_in_their_network()
    {
        var rib = new TestRib();
        var first = rib.Protocol("first", "BGP", 100);
        var second = rib.Protocol("second", "Static", 200);
        first.Announce("10.0.0.0/8");
        second.Announce("10.0.0.0/8");
        var net = rib.Master.Find(P("10.0.0.0/8"))!;
        Assert.That(net.Best!.Source, Is.SameAs(second));

        first.Withdraw("10.0.0.0/8");
        first.Announce("10.0.0.0/8", preference: 300);

        Assert.That(rib.Master.Find(P("10.0.0.0/8")), Is.EqualTo(net));
        Assert.That(net.Routes.ToList().Select(r => r.Source!.Name), Is.EqualTo(new[] { "first", "second" }));
        Assert.That(net.Routes.ToList().All(r => r.Network == net), Is.True);
        second.Withdraw("10.0.0.0/8");
        first.Withdraw("10.0.0.0/8");
        Assert.That(rib.Master.NetCount, Is.Zero);
        Assert.That(rib.Master.RouteCount, Is.Zero);
    }
}
