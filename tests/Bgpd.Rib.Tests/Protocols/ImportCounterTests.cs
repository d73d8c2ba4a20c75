using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Protocols;

public class ImportCounterTests
{
    [Test]
    public void Accepted_updates_and_withdraws_are_counted()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        p.Announce("10.0.0.0/24");
        p.Announce("10.0.1.0/24");
        p.Withdraw("10.0.0.0/24");
        var s = p.Channel.Stats;

        Assert.That((s.ImportUpdatesReceived, s.ImportUpdatesAccepted), Is.EqualTo((2L, 2L)));
        Assert.That((s.ImportWithdrawsReceived, s.ImportWithdrawsAccepted), Is.EqualTo((1L, 1L)));
        Assert.That(s.ImportedRoutes, Is.EqualTo(1));
        Assert.That(s.PreferredRoutes, Is.EqualTo(1));
    }

    [Test]
    public void Repeated_identical_update_is_ignored()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        var attrs = p.Attributes(Ip("10.0.0.1"));
        p.Announce("10.0.0.0/24", attrs);
        p.Announce("10.0.0.0/24", p.Attributes(Ip("10.0.0.1")));

        Assert.That(p.Channel.Stats.ImportUpdatesIgnored, Is.EqualTo(1));
        Assert.That(p.Channel.Stats.ImportUpdatesAccepted, Is.EqualTo(1));
        Assert.That(p.Channel.Stats.ImportedRoutes, Is.EqualTo(1));
    }

    [Test]
    public void Withdraw_of_an_unknown_route_is_ignored()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        p.Withdraw("10.0.0.0/24");

        Assert.That(p.Channel.Stats.ImportWithdrawsReceived, Is.EqualTo(1));
        Assert.That(p.Channel.Stats.ImportWithdrawsIgnored, Is.EqualTo(1));
    }

    [Test]
    public void Filtered_update_withdraws_the_earlier_route_of_that_source()
    {
        var rib = new TestRib();
        var reject9 = Filters.FromDelegate("no_9", r => r.Gateway == Ip("10.0.0.9") ? FilterVerdict.Reject : FilterVerdict.Accept);
        var p = rib.Protocol("p", options: new ChannelOptions { ImportFilter = reject9 });
        p.Announce("10.0.0.0/24", p.Attributes(Ip("10.0.0.1")));
        p.Announce("10.0.0.0/24", p.Attributes(Ip("10.0.0.9")));

        Assert.That(rib.Master.Find(P("10.0.0.0/24")), Is.Null);
        var s = p.Channel.Stats;
        Assert.That(s.ImportUpdatesFiltered, Is.EqualTo(1));
        Assert.That(s.ImportWithdrawsAccepted, Is.EqualTo(1), "BIRD counts the implied withdraw");
        Assert.That(s.ImportedRoutes, Is.Zero);
    }

    [Test]
    public void Import_filter_may_change_preference_and_attributes()
    {
        var rib = new TestRib();
        var raise = Filters.FromDelegate("raise", r =>
        {
            r.Preference = 250;
            r.Set(Bgpd.Rib.Attributes.EaId.BgpLocalPref, Bgpd.Rib.Attributes.EaValue.Int(300));
            return FilterVerdict.Accept;
        });
        var p = rib.Protocol("p", options: new ChannelOptions { ImportFilter = raise });
        p.Announce("10.0.0.0/24");

        var best = rib.Master.Find(P("10.0.0.0/24"))!.Best!;
        Assert.That(best.Preference, Is.EqualTo(250));
        Assert.That(best.Attributes.TryGet(Bgpd.Rib.Attributes.EaId.BgpLocalPref, out var lp) && lp.AsInt == 300, Is.True);
        Assert.That(best.Attributes.IsInterned, Is.True);
    }

    [Test]
    public void Keep_filtered_counts_filtered_routes_separately()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p", options: new ChannelOptions { ImportFilter = Filters.None, ImportKeepFiltered = true });
        p.Announce("10.0.0.0/24");
        p.Announce("10.0.1.0/24");

        var s = p.Channel.Stats;
        Assert.That((s.ImportedRoutes, s.FilteredRoutes, s.ImportUpdatesFiltered), Is.EqualTo((0L, 2L, 2L)));
        Assert.That(rib.Master.RouteCount, Is.EqualTo(2));
    }

    [Test]
    public void Routes_from_a_protocol_that_is_not_up_are_dropped()
    {
        var rib = new TestRib();
        var p = new TestProtocol("down", rib.Loop, rib.Master);
        p.Announce("10.0.0.0/24");

        Assert.That(rib.Master.NetCount, Is.Zero);
        Assert.That(p.Channel.Stats.ImportUpdatesReceived, Is.Zero);
    }

    [Test]
    public void Preferred_counts_follow_the_originating_protocol()
    {
        var rib = new TestRib();
        var high = rib.Protocol("high", "Static", 200);
        var low = rib.Protocol("low", "BGP", 100);
        low.Announce("10.0.0.0/24");
        Assert.That(low.Channel.Stats.PreferredRoutes, Is.EqualTo(1));

        high.Announce("10.0.0.0/24");
        Assert.That((high.Channel.Stats.PreferredRoutes, low.Channel.Stats.PreferredRoutes), Is.EqualTo((1L, 0L)));
    }
}
