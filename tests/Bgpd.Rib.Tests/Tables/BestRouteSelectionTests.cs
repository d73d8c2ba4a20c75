using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Tables;

public class BestRouteSelectionTests
{
    // BIRD's default preferences (nest/route.h DEF_PREF_*).
    private static readonly (string Name, string Class, int Preference)[] Protocols =
    [
        ("kernel1", "Kernel", 10),
        ("pipe1", "Pipe", 70),
        ("bgp1", "BGP", 100),
        ("static1", "Static", 200),
        ("direct1", "Direct", 240),
    ];

    [Test]
    public void Highest_preference_wins_across_protocols()
    {
        var rib = new TestRib();
        var all = Protocols.Select(p => rib.Protocol(p.Name, p.Class, p.Preference)).ToList();
        foreach (var p in all) p.Announce("10.0.0.0/24");

        var net = rib.Master.Find(P("10.0.0.0/24"))!;
        Assert.That(net.Best!.Source!.Name, Is.EqualTo("direct1"));
        Assert.That(net.Best.Preference, Is.EqualTo(240));
        Assert.That(net.RouteCount, Is.EqualTo(5));
        Assert.That(rib.Master.RouteCount, Is.EqualTo(5));
    }

    [Test]
    public void Withdrawing_the_best_reveals_the_next_best_in_preference_order()
    {
        var rib = new TestRib();
        var all = Protocols.Select(p => rib.Protocol(p.Name, p.Class, p.Preference)).ToList();
        // Announce in an order unrelated to preference.
        foreach (var i in new[] { 2, 0, 4, 1, 3 }) all[i].Announce("10.0.0.0/24");

        var seen = new List<string>();
        for (var i = all.Count - 1; i >= 0; i--)
        {
            var net = rib.Master.Find(P("10.0.0.0/24"))!;
            seen.Add(net.Best!.Source!.Name);
            all.Single(p => p.Name == net.Best!.Source!.Name).Withdraw("10.0.0.0/24");
        }

        Assert.That(seen, Is.EqualTo(new[] { "direct1", "static1", "bgp1", "pipe1", "kernel1" }));
        Assert.That(rib.Master.Find(P("10.0.0.0/24")), Is.Null, "an empty network leaves the table");
        Assert.That(rib.Master.NetCount, Is.Zero);
    }

    [Test]
    public void Routes_of_a_network_are_listed_best_first()
    {
        var rib = new TestRib();
        var low = rib.Protocol("low", "BGP", 100);
        var high = rib.Protocol("high", "Static", 200);
        low.Announce("10.0.0.0/24");
        high.Announce("10.0.0.0/24");

        var net = rib.Master.Find(P("10.0.0.0/24"))!;
        var names = new List<string>();
        foreach (var r in net.Routes) names.Add(r.Source!.Name);
        Assert.That(names, Is.EqualTo(new[] { "high", "low" }));
        Assert.That(net.First!.IsBest, Is.True);
        Assert.That(net.First.Next!.IsBest, Is.False);
    }

    [Test]
    public void Same_class_and_preference_asks_the_protocols_comparison()
    {
        var rib = new TestRib();
        var a = rib.Protocol("a", "BGP", 100);
        var b = rib.Protocol("b", "BGP", 100);
        // "b" wins whenever it is the candidate (like a better BGP path).
        a.Better = (candidate, current) => false;
        b.Better = (candidate, current) => candidate.Source == b;

        a.Announce("10.0.0.0/24");
        b.Announce("10.0.0.0/24");
        Assert.That(rib.Master.Find(P("10.0.0.0/24"))!.Best!.Source, Is.SameAs(b));

        b.Withdraw("10.0.0.0/24");
        Assert.That(rib.Master.Find(P("10.0.0.0/24"))!.Best!.Source, Is.SameAs(a));
    }

    [Test]
    public void Replacing_the_best_with_a_worse_route_reselects()
    {
        var rib = new TestRib();
        var a = rib.Protocol("a", "BGP", 100);
        var b = rib.Protocol("b", "Static", 150);
        a.Announce("10.0.0.0/24", preference: 200);
        b.Announce("10.0.0.0/24");
        Assert.That(rib.Master.Find(P("10.0.0.0/24"))!.Best!.Source, Is.SameAs(a));

        a.Announce("10.0.0.0/24", preference: 50);

        var net = rib.Master.Find(P("10.0.0.0/24"))!;
        Assert.That(net.Best!.Source, Is.SameAs(b));
        Assert.That(net.RouteCount, Is.EqualTo(2));
    }

    [Test]
    public void Filtered_routes_are_kept_but_never_best()
    {
        var rib = new TestRib();
        var keep = new Bgpd.Rib.Protocols.ChannelOptions { ImportFilter = Bgpd.Rib.Filtering.Filters.None, ImportKeepFiltered = true };
        var filteredHigh = rib.Protocol("filtered", "Direct", 240, keep);
        filteredHigh.Announce("10.0.0.0/24");

        var net = rib.Master.Find(P("10.0.0.0/24"))!;
        Assert.That(net.Best, Is.Null);
        Assert.That(net.First!.IsFiltered, Is.True);

        var low = rib.Protocol("low", "Kernel", 10);
        low.Announce("10.0.0.0/24");
        Assert.That(net.Best!.Source, Is.SameAs(low));
        Assert.That(filteredHigh.Channel.Stats.FilteredRoutes, Is.EqualTo(1));
    }

    [Test]
    public void Route_remembers_when_it_changed()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        p.Announce("10.0.0.0/24");
        var first = rib.Master.Find(P("10.0.0.0/24"))!.Best!.LastModified;
        rib.Time.Advance(TimeSpan.FromSeconds(30));
        p.Announce("10.0.0.0/24", p.Attributes(Ip("10.0.0.9")));

        Assert.That(rib.Master.Find(P("10.0.0.0/24"))!.Best!.LastModified - first, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void Memory_estimates_follow_the_table_and_the_cache()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        Assert.That(rib.Master.EstimatedBytes, Is.Zero);
        p.Announce("10.0.0.0/24");
        p.Announce("10.0.1.0/24", p.Attributes(Ip("10.0.0.1")));
        var two = rib.Master.EstimatedBytes;
        p.Announce("10.0.2.0/24");

        Assert.That(two, Is.GreaterThan(0));
        Assert.That(rib.Master.EstimatedBytes, Is.EqualTo(two / 2 * 3));
        Assert.That(rib.Loop.Attributes.EstimatedBytes, Is.GreaterThan(0));
    }

    [Test]
    public void A_table_refuses_prefixes_of_the_other_family()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        Assert.Throws<ArgumentException>(() => p.Announce("2001:db8::/32"));
    }
}
