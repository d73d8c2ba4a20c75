using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Tables;

public class LongestPrefixMatchTests
{
    [Test]
    public void Most_specific_covering_network_wins()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        p.Announce("0.0.0.0/0");
        p.Announce("10.0.0.0/8");
        p.Announce("10.1.0.0/16");
        p.Announce("10.1.2.0/24");
        p.Announce("10.1.3.0/24");

        Assert.That(rib.Master.LongestMatch(Ip("10.1.2.3"))!.Prefix, Is.EqualTo(P("10.1.2.0/24")));
        Assert.That(rib.Master.LongestMatch(Ip("10.1.9.9"))!.Prefix, Is.EqualTo(P("10.1.0.0/16")));
        Assert.That(rib.Master.LongestMatch(Ip("10.200.0.1"))!.Prefix, Is.EqualTo(P("10.0.0.0/8")));
        Assert.That(rib.Master.LongestMatch(Ip("192.0.2.1"))!.Prefix, Is.EqualTo(P("0.0.0.0/0")));
    }

    [Test]
    public void Host_route_and_no_match()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        p.Announce("10.1.2.3/32");

        Assert.That(rib.Master.LongestMatch(Ip("10.1.2.3"))!.Prefix, Is.EqualTo(P("10.1.2.3/32")));
        Assert.That(rib.Master.LongestMatch(Ip("10.1.2.4")), Is.Null);
        Assert.That(rib.Master.LongestMatch(Ip("2001:db8::1")), Is.Null);
    }

    [Test]
    public void Networks_holding_only_filtered_routes_are_skipped()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        var keep = rib.Protocol("keep", options: new ChannelOptions { ImportFilter = Bgpd.Rib.Filtering.Filters.None, ImportKeepFiltered = true });
        p.Announce("10.0.0.0/8");
        keep.Announce("10.1.0.0/16");

        Assert.That(rib.Master.LongestMatch(Ip("10.1.0.1"))!.Prefix, Is.EqualTo(P("10.0.0.0/8")));
    }

    [Test]
    public void Withdrawn_networks_no_longer_match()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        p.Announce("10.0.0.0/8");
        p.Announce("10.1.0.0/16");
        p.Withdraw("10.1.0.0/16");

        Assert.That(rib.Master.LongestMatch(Ip("10.1.0.1"))!.Prefix, Is.EqualTo(P("10.0.0.0/8")));
    }

    [Test]
    public void Ipv6_tables_match_too()
    {
        var rib = new TestRib();
        var master6 = new RoutingTable("master6", TableFamily.Ipv6, rib.Loop);
        var p = rib.Protocol("p6", table: master6);
        p.Announce("2001:db8::/32");
        p.Announce("2001:db8:1::/48");

        Assert.That(master6.LongestMatch(Ip("2001:db8:1::5"))!.Prefix, Is.EqualTo(P("2001:db8:1::/48")));
        Assert.That(master6.LongestMatch(Ip("2001:db8:2::5"))!.Prefix, Is.EqualTo(P("2001:db8::/32")));
    }

    [Test]
    public void Sorted_listing_orders_by_address_then_length()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        foreach (var prefix in new[] { "10.1.0.0/16", "10.0.0.0/8", "9.0.0.0/8", "10.1.0.0/24" }) p.Announce(prefix);

        Assert.That(rib.Master.SortedNets().Select(n => n.Prefix.ToString()),
            Is.EqualTo(new[] { "9.0.0.0/8", "10.0.0.0/8", "10.1.0.0/16", "10.1.0.0/24" }));
    }
}
