using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Attributes;

public class AttributeCacheTests
{
    private static EaList BgpList(uint med) => EaList.Create([
        new Ea(EaId.BgpOrigin, EaValue.Int(0)),
        new Ea(EaId.BgpAsPath, EaValue.Path(AsPath.FromSequence(65003, 65004))),
        new Ea(EaId.BgpMed, EaValue.Int(med)),
    ]);

    [Test]
    public void Equal_attribute_sets_intern_to_the_same_object()
    {
        var rib = new TestRib();
        var p = rib.Protocol("bgp1");
        var a = rib.Loop.Attributes.Intern(p.Attributes(Ip("10.0.0.1"), BgpList(50)));
        var b = rib.Loop.Attributes.Intern(p.Attributes(Ip("10.0.0.1"), BgpList(50)));

        Assert.That(b, Is.SameAs(a));
        Assert.That(a.IsInterned, Is.True);
    }

    [Test]
    public void Sets_differing_in_one_attribute_stay_distinct_but_share_nothing_wrongly()
    {
        var rib = new TestRib();
        var p = rib.Protocol("bgp1");
        var a = rib.Loop.Attributes.Intern(p.Attributes(Ip("10.0.0.1"), BgpList(50)));
        var b = rib.Loop.Attributes.Intern(p.Attributes(Ip("10.0.0.1"), BgpList(51)));
        var c = rib.Loop.Attributes.Intern(p.Attributes(Ip("10.0.0.2"), BgpList(50)));

        Assert.That(b, Is.Not.SameAs(a));
        Assert.That(c, Is.Not.SameAs(a));
        Assert.That(c.Attributes, Is.SameAs(a.Attributes), "equal extended attribute lists are shared too");
    }

    [Test]
    public void Many_routes_from_one_peer_share_one_attribute_instance()
    {
        var rib = new TestRib();
        var p = rib.Protocol("bgp1");
        for (var i = 0; i < 1000; i++)
            p.Channel.Update(new Bgpd.Net.Prefix(Bgpd.Net.IpAddress.V4(0x0A000000u + ((uint)i << 8)), 24), p.Attributes(Ip("10.0.0.1"), BgpList(50)));

        var distinct = rib.Master.Nets.Select(n => n.Best!.Attributes).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.That(distinct, Is.EqualTo(1));
        Assert.That(rib.Master.NetCount, Is.EqualTo(1000));
        Assert.That(rib.Master.Nets.First().Best!.Attributes.Uses, Is.EqualTo(1000));
    }

    [Test]
    public void Attribute_set_leaves_the_cache_when_its_last_route_is_withdrawn()
    {
        var rib = new TestRib();
        var p = rib.Protocol("bgp1");
        p.Announce("10.1.0.0/16", p.Attributes(Ip("10.0.0.1"), BgpList(7)));
        var countWithRoute = rib.Loop.Attributes.Count;

        p.Withdraw("10.1.0.0/16");

        Assert.That(rib.Loop.Attributes.Count, Is.EqualTo(countWithRoute - 1));
        var again = rib.Loop.Attributes.Intern(p.Attributes(Ip("10.0.0.1"), BgpList(7)));
        Assert.That(again.Uses, Is.Zero);
    }

    [Test]
    public void Sweep_drops_sets_no_route_holds()
    {
        var cache = new AttributeCache();
        var rib = new TestRib();
        var p = rib.Protocol("bgp1");
        cache.Intern(p.Attributes(Ip("10.0.0.1"), BgpList(1)));
        cache.Intern(p.Attributes(Ip("10.0.0.1"), BgpList(2)));
        Assert.That(cache.Count, Is.EqualTo(2));

        cache.Sweep();

        Assert.That(cache.Count, Is.Zero);
    }

    [Test]
    public void Route_attributes_reject_next_hop_counts_that_contradict_the_destination()
    {
        Assert.Throws<ArgumentException>(() => new RouteAttributes(null, RouteSource.Static, RouteDest.Blackhole, [new NextHop(Ip("10.0.0.1"), "eth0")]));
        Assert.Throws<ArgumentException>(() => new RouteAttributes(null, RouteSource.Static, RouteDest.Router));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NextHop(Ip("10.0.0.1"), "eth0", weight: 0));
    }
}
