using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Protocols;

public class ExportTests
{
    [Test]
    public void Best_route_changes_reach_other_protocols_as_announcements_and_withdraws()
    {
        var rib = new TestRib();
        var watcher = rib.Protocol("watcher", "BGP", 100, new ChannelOptions { ExportFilter = Filters.All });
        var source = rib.Protocol("static1", "Static", 200);

        source.Announce("10.0.0.0/24");
        source.Withdraw("10.0.0.0/24");

        Assert.That(watcher.Exports, Has.Count.EqualTo(2));
        Assert.That(watcher.Exports[0].New!.Source, Is.SameAs(source));
        Assert.That(watcher.Exports[0].Old, Is.Null);
        Assert.That(watcher.Exports[1].New, Is.Null);
        Assert.That(watcher.Exports[1].Old!.Source, Is.SameAs(source));
        Assert.That(watcher.Channel.Stats.ExportedRoutes, Is.Zero);
        Assert.That(watcher.Channel.Stats.ExportUpdatesAccepted, Is.EqualTo(1));
        Assert.That(watcher.Channel.Stats.ExportWithdrawsAccepted, Is.EqualTo(1));
    }

    [Test]
    public void Protocol_coming_up_is_fed_the_current_best_routes()
    {
        var rib = new TestRib();
        var source = rib.Protocol("static1", "Static", 200);
        source.Announce("10.0.0.0/24");
        source.Announce("10.0.1.0/24");

        var late = rib.Protocol("late", "BGP", 100);

        Assert.That(late.Exports.Select(e => e.Prefix.ToString()).Order(), Is.EqualTo(new[] { "10.0.0.0/24", "10.0.1.0/24" }));
        Assert.That(late.Channel.Stats.ExportedRoutes, Is.EqualTo(2));
    }

    [Test]
    public void Export_filter_rejects_and_modifies_and_is_counted()
    {
        var rib = new TestRib();
        var filter = Filters.FromDelegate("only_10_0", route =>
        {
            if (route.Net.Address.V4Value >> 16 != 0x0A00) return FilterVerdict.Reject;
            route.Set(EaId.BgpCommunity, EaValue.IntSet([(65000u << 16) | 1]));
            return FilterVerdict.Accept;
        });
        var peer = rib.Protocol("peer", "BGP", 100, new ChannelOptions { ExportFilter = filter });
        var source = rib.Protocol("static1", "Static", 200);

        source.Announce("10.0.1.0/24");
        source.Announce("10.9.0.0/16");

        Assert.That(peer.Exports, Has.Count.EqualTo(1));
        var exported = peer.Exports[0];
        Assert.That(exported.NewAttributes!.Attributes.Contains(EaId.BgpCommunity), Is.True);
        Assert.That(exported.New!.Attributes.Attributes.Contains(EaId.BgpCommunity), Is.False, "the table's route is untouched");
        Assert.That(peer.Channel.Stats.ExportUpdatesReceived, Is.EqualTo(2));
        Assert.That(peer.Channel.Stats.ExportUpdatesFiltered, Is.EqualTo(1));
        Assert.That(peer.Channel.Stats.ExportUpdatesAccepted, Is.EqualTo(1));
    }

    [Test]
    public void Export_none_counts_every_update_as_filtered()
    {
        var rib = new TestRib();
        var quiet = rib.Protocol("quiet", "BGP", 100, new ChannelOptions { ExportFilter = Filters.None });
        var source = rib.Protocol("static1", "Static", 200);
        source.Announce("10.0.1.0/24");

        Assert.That(quiet.Exports, Is.Empty);
        Assert.That(quiet.Channel.Stats.ExportUpdatesFiltered, Is.EqualTo(1));
    }

    [Test]
    public void Withdraw_of_a_route_the_filter_rejected_is_not_sent()
    {
        var rib = new TestRib();
        var peer = rib.Protocol("peer", "BGP", 100, new ChannelOptions { ExportFilter = Filters.None });
        var source = rib.Protocol("static1", "Static", 200);
        source.Announce("10.0.1.0/24");
        source.Withdraw("10.0.1.0/24");

        Assert.That(peer.Exports, Is.Empty);
        Assert.That(peer.Channel.Stats.ExportWithdrawsReceived, Is.EqualTo(1));
        Assert.That(peer.Channel.Stats.ExportWithdrawsAccepted, Is.Zero);
    }

    [Test]
    public void Precheck_reject_is_counted_as_rejected_before_the_filter()
    {
        var rib = new TestRib();
        var peer = rib.Protocol("peer", "BGP", 100);
        peer.Precheck = _ => ExportPrecheck.Reject;
        rib.Protocol("static1", "Static", 200).Announce("10.0.1.0/24");

        Assert.That(peer.Exports, Is.Empty);
        Assert.That(peer.Channel.Stats.ExportUpdatesRejected, Is.EqualTo(1));
        Assert.That(peer.Channel.Stats.ExportUpdatesFiltered, Is.Zero);
    }

    [Test]
    public void Optimal_export_sees_only_best_changes()
    {
        var rib = new TestRib();
        var watcher = rib.Protocol("watcher", "Kernel", 10);
        var high = rib.Protocol("high", "Static", 200);
        var low = rib.Protocol("low", "BGP", 100);
        high.Announce("10.0.0.0/24");
        low.Announce("10.0.0.0/24");   // not best: no export

        Assert.That(watcher.Exports, Has.Count.EqualTo(1));

        high.Withdraw("10.0.0.0/24");  // best moves to "low": one update replacing the old best
        Assert.That(watcher.Exports, Has.Count.EqualTo(2));
        Assert.That(watcher.Exports[1].New!.Source, Is.SameAs(low));
        Assert.That(watcher.Exports[1].Old!.Source, Is.SameAs(high));
    }

    [Test]
    public void Any_export_sees_every_route_change()
    {
        var rib = new TestRib();
        var watcher = rib.Protocol("watcher", "Pipe", 70, new ChannelOptions { ExportFilter = Filters.All, ExportMode = ExportMode.Any });
        var high = rib.Protocol("high", "Static", 200);
        var low = rib.Protocol("low", "BGP", 100);
        high.Announce("10.0.0.0/24");
        low.Announce("10.0.0.0/24");

        Assert.That(watcher.Exports.Select(e => e.New!.Source!.Name), Is.EqualTo(new[] { "high", "low" }));
    }

    [Test]
    public void A_protocol_failing_on_an_export_does_not_keep_the_change_from_others()
    {
        var rib = new TestRib();
        var broken = rib.Protocol("broken", "BGP", 100);
        broken.Precheck = _ => throw new InvalidOperationException("bug");
        var healthy = rib.Protocol("healthy", "Kernel", 10);
        rib.Protocol("static1", "Static", 200).Announce("10.0.1.0/24");

        Assert.That(healthy.Exports, Has.Count.EqualTo(1));
        Assert.That(rib.Master.NetCount, Is.EqualTo(1));
        Assert.That(rib.Log.Any(l => l.Level == RibLogLevel.Error && l.Message.StartsWith("Protocol broken failed to process 10.0.1.0/24", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void A_filter_that_throws_rejects_the_route_and_is_logged()
    {
        var rib = new TestRib();
        var throwing = Filters.FromDelegate("bad_filter", _ => throw new InvalidOperationException("division by zero"));
        var p = rib.Protocol("p", options: new ChannelOptions { ImportFilter = throwing });
        p.Announce("10.0.1.0/24");

        Assert.That(rib.Master.NetCount, Is.Zero);
        Assert.That(p.Channel.Stats.ImportUpdatesFiltered, Is.EqualTo(1));
        Assert.That(rib.Log.Any(l => l.Message == "Filter bad_filter failed on 10.0.1.0/24: division by zero"), Is.True);
    }

    [Test]
    public void Would_export_evaluates_without_counting()
    {
        var rib = new TestRib();
        var peer = rib.Protocol("peer", "BGP", 100, new ChannelOptions { ExportFilter = Filters.None });
        rib.Protocol("static1", "Static", 200).Announce("10.0.1.0/24");
        var before = peer.Channel.Stats.ExportUpdatesFiltered;

        var route = rib.Master.Find(P("10.0.1.0/24"))!.Best!.Value;
        Assert.That(peer.Channel.WouldExport(route, out _, out _), Is.False);
        Assert.That(peer.Channel.Stats.ExportUpdatesFiltered, Is.EqualTo(before));
    }

    [Test]
    public void Reload_out_refeeds_every_route()
    {
        var rib = new TestRib();
        var peer = rib.Protocol("peer", "BGP", 100);
        var source = rib.Protocol("static1", "Static", 200);
        source.Announce("10.0.1.0/24");
        source.Announce("10.0.2.0/24");
        peer.Exports.Clear();

        Assert.That(peer.Reload(ReloadDirection.Out), Is.True);

        Assert.That(peer.Exports, Has.Count.EqualTo(2));
        Assert.That(peer.Exports.All(e => e.Refeed), Is.True);
        Assert.That(peer.Channel.Stats.ExportedRoutes, Is.EqualTo(2));
    }
}
