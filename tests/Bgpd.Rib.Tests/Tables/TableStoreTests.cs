using Bgpd.Net;
using Bgpd.Rib.Tables;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Tables;

/// <summary>
/// The table's struct storage: slots are reused only after the routing loop's work item that freed them,
/// segments grow without moving entries, IPv4 and IPv6 prefixes come back as stored.
/// </summary>
public class TableStoreTests
{
    private static string HostRoute(int i) => new Prefix(IpAddress.V4(0x0A000000u + (uint)i), 32).ToString();

    /// <summary>Runs <paramref name="work"/> as one routing-loop work item, as the daemon runs every table change.</summary>
    private static void InWorkItem(TestRib rib, Action work)
    {
        rib.Loop.Post(work);
        rib.Loop.RunPending();
    }

    [Test]
    public void A_replaced_route_stays_readable_until_its_work_item_ends()
    {
        var rib = new TestRib();
        var source = rib.Protocol("source");
        var watcher = rib.Protocol("watcher");
        InWorkItem(rib, () => source.Announce("10.0.0.0/8", source.Attributes(Ip("192.0.2.1"))));
        var old = rib.Master.Find(P("10.0.0.0/8"))!.First!.Value;
        string? readInItem = null;

        InWorkItem(rib, () =>
        {
            source.Announce("10.0.0.0/8", source.Attributes(Ip("192.0.2.2")));
            // Another change in the same item must not take the replaced route's slot.
            source.Announce("10.9.0.0/16");
            readInItem = $"{old.Prefix} via {old.Attributes.NextHops[0].Gateway} best={old.IsBest}";
        });

        Assert.That(readInItem, Is.EqualTo("10.0.0.0/8 via 192.0.2.1 best=False"));
        Assert.That(watcher.Exports.Count(e => e.Old == old), Is.EqualTo(1), "the export of old and new carried it");
        Assert.That(rib.Master.Find(P("10.9.0.0/16"))!.First, Is.Not.EqualTo(old));
    }

    [Test]
    public void Slots_freed_by_one_work_item_are_reused_by_a_later_one()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        InWorkItem(rib, () =>
        {
            for (var i = 0; i < 100; i++) p.Announce(HostRoute(i));
        });
        var store = rib.Master.Store;
        Assert.That((store.RouteSlots, store.NetworkSlots), Is.EqualTo((100, 100)));

        InWorkItem(rib, () =>
        {
            for (var i = 0; i < 40; i++) p.Withdraw(HostRoute(i));
        });
        InWorkItem(rib, () =>
        {
            for (var i = 1000; i < 1040; i++) p.Announce(HostRoute(i));
        });

        Assert.That((store.RouteSlots, store.NetworkSlots), Is.EqualTo((100, 100)), "the 40 new networks took the freed slots");
        Assert.That(rib.Master.NetCount, Is.EqualTo(100));
        for (var i = 0; i < 40; i++) Assert.That(rib.Master.Find(P(HostRoute(i))), Is.Null);
        for (var i = 40; i < 100; i++) Assert.That(rib.Master.Find(P(HostRoute(i)))!.Best!.Prefix, Is.EqualTo(P(HostRoute(i))));
        for (var i = 1000; i < 1040; i++) Assert.That(rib.Master.Find(P(HostRoute(i)))!.Best!.Prefix, Is.EqualTo(P(HostRoute(i))));
    }

    [Test]
    public void A_replaced_route_frees_its_slot_but_its_network_keeps_its_own()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        InWorkItem(rib, () => p.Announce("10.0.0.0/8", p.Attributes(Ip("192.0.2.1"))));
        var net = rib.Master.Find(P("10.0.0.0/8"))!.Value;

        for (var gateway = 2; gateway < 12; gateway++)
        {
            var address = Ip($"192.0.2.{gateway}");
            InWorkItem(rib, () => p.Announce("10.0.0.0/8", p.Attributes(address)));
        }

        Assert.That(rib.Master.Find(P("10.0.0.0/8")), Is.EqualTo(net));
        Assert.That(net.First!.Attributes.NextHops[0].Gateway, Is.EqualTo(Ip("192.0.2.11")));
        Assert.That(rib.Master.Store.RouteSlots, Is.EqualTo(2), "each update takes a new slot and the one before frees another");
    }

    [Test]
    public void Changes_outside_any_work_item_never_reuse_a_slot()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        p.Announce("10.0.0.0/8", p.Attributes(Ip("192.0.2.1")));
        var first = rib.Master.Find(P("10.0.0.0/8"))!.First!.Value;

        p.Withdraw("10.0.0.0/8");
        p.Announce("10.1.0.0/16");
        p.Announce("10.2.0.0/16");

        Assert.That(rib.Master.Store.RouteSlots, Is.EqualTo(3));
        Assert.That((first.Prefix, first.Attributes.NextHops[0].Gateway), Is.EqualTo((P("10.0.0.0/8"), Ip("192.0.2.1"))));
    }

    [Test]
    public void Routes_grow_across_segments_without_losing_any()
    {
        var rib = new TestRib();
        var low = rib.Protocol("low", "BGP", 100);
        var high = rib.Protocol("high", "Static", 200);
        const int count = 6000;   // two routes each: three 4096-route segments

        InWorkItem(rib, () =>
        {
            for (var i = 0; i < count; i++)
            {
                low.Announce(HostRoute(i));
                high.Announce(HostRoute(i));
            }
        });

        Assert.That(rib.Master.Store.RouteSegments, Is.EqualTo(3));
        Assert.That(rib.Master.RouteCount, Is.EqualTo(2 * count));
        for (var i = 0; i < count; i++)
        {
            var routes = rib.Master.Find(P(HostRoute(i)))!.Routes.ToList();
            if (routes.Count != 2 || routes[0].Source != high || routes[1].Source != low || routes[1].Prefix != P(HostRoute(i)))
                Assert.Fail($"{HostRoute(i)}: {string.Join(", ", routes)}");
        }
    }

    [Test]
    public void Ipv6_networks_keep_every_bit_of_their_prefix()
    {
        var rib = new TestRib();
        var table = new RoutingTable("master6", TableFamily.Ipv6, rib.Loop);
        var p = rib.Protocol("p6", table: table);
        string[] prefixes = ["2001:db8::/32", "2001:db8:0:1::/64", "2001:db8::1/128", "2001:db9::1/128", "::/0", "fe80::1:2:3:4/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124"];

        InWorkItem(rib, () =>
        {
            foreach (var prefix in prefixes) p.Announce(prefix, p.Attributes(Ip("2001:db8::ff")));
        });

        Assert.That(table.NetCount, Is.EqualTo(prefixes.Length));
        foreach (var prefix in prefixes)
        {
            var net = table.Find(P(prefix));
            Assert.That(net?.Prefix, Is.EqualTo(P(prefix)), prefix);
            Assert.That(net!.Best!.Prefix, Is.EqualTo(P(prefix)), prefix);
        }
        Assert.That(table.SortedNets().Select(n => n.Prefix), Is.EqualTo(prefixes.Select(P).Order()));
        Assert.That(table.LongestMatch(Ip("2001:db8::1"))?.Prefix, Is.EqualTo(P("2001:db8::1/128")));
        Assert.That(table.LongestMatch(Ip("2001:db8:0:1::5"))?.Prefix, Is.EqualTo(P("2001:db8:0:1::/64")));
        Assert.That(table.LongestMatch(Ip("2001:db8::2"))?.Prefix, Is.EqualTo(P("2001:db8::/32")));
    }

    [Test]
    public void A_removed_ipv6_network_slot_is_reused_for_another_prefix()
    {
        var rib = new TestRib();
        var table = new RoutingTable("master6", TableFamily.Ipv6, rib.Loop);
        var p = rib.Protocol("p6", table: table);
        InWorkItem(rib, () => p.Announce("2001:db8::1/128"));
        InWorkItem(rib, () => p.Withdraw("2001:db8::1/128"));

        InWorkItem(rib, () => p.Announce("2001:db9:1:2:3:4:5:6/128"));

        Assert.That(table.Store.NetworkSlots, Is.EqualTo(1));
        Assert.That(table.Find(P("2001:db8::1/128")), Is.Null);
        Assert.That(table.Find(P("2001:db9:1:2:3:4:5:6/128"))!.Prefix, Is.EqualTo(P("2001:db9:1:2:3:4:5:6/128")));
    }

    [Test]
    public void A_piped_route_keeps_its_sending_channel_and_a_reused_slot_forgets_it()
    {
        var rib = new TestRib();
        var origin = rib.Protocol("origin");
        var forwarder = rib.Protocol("forwarder");
        InWorkItem(rib, () => forwarder.Channel.Update(P("10.2.0.0/16"), origin.Attributes(Ip("192.0.2.1"))));
        Assert.That(rib.Master.Find(P("10.2.0.0/16"))!.First!.Sender, Is.SameAs(forwarder.Channel));

        InWorkItem(rib, () => forwarder.Channel.Withdraw(P("10.2.0.0/16"), origin, 0));
        InWorkItem(rib, () => origin.Announce("10.3.0.0/16"));

        Assert.That(rib.Master.Store.RouteSlots, Is.EqualTo(1));
        Assert.That(rib.Master.Find(P("10.3.0.0/16"))!.First!.Sender, Is.SameAs(origin.Channel));
    }
}
