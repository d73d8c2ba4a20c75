using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Protocols;

public class RouteLimitTests
{
    private static void AnnounceMany(TestProtocol p, int count)
    {
        for (var i = 0; i < count; i++) p.Announce($"10.0.{i}.0/24");
    }

    [Test]
    public void Import_limit_warn_logs_and_keeps_importing()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p", options: new ChannelOptions { ImportLimit = new RouteLimitOptions(2, LimitAction.Warn) });
        AnnounceMany(p, 4);

        Assert.That(rib.Master.NetCount, Is.EqualTo(4));
        Assert.That(p.Channel.ImportLimit!.State, Is.EqualTo(LimitState.Active));
        Assert.That(rib.Log.Count(l => l.Message == "Protocol p hits route import limit (2), action: warn"), Is.EqualTo(1));
    }

    [Test]
    public void Import_limit_block_drops_routes_beyond_the_limit()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p", options: new ChannelOptions { ImportLimit = new RouteLimitOptions(2, LimitAction.Block) });
        AnnounceMany(p, 4);

        Assert.That(rib.Master.NetCount, Is.EqualTo(2));
        Assert.That(p.Channel.ImportLimit!.IsHit, Is.True);
        Assert.That(p.Channel.Stats.ImportUpdatesIgnored, Is.EqualTo(2));
        Assert.That(p.State, Is.EqualTo(ProtocolState.Up));
    }

    [Test]
    public void Import_limit_block_keeps_routes_as_filtered_when_asked()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p", options: new ChannelOptions { ImportLimit = new RouteLimitOptions(1, LimitAction.Block), ImportKeepFiltered = true });
        AnnounceMany(p, 3);

        Assert.That(p.Channel.Stats.ImportedRoutes, Is.EqualTo(1));
        Assert.That(p.Channel.Stats.FilteredRoutes, Is.EqualTo(2));
        Assert.That(rib.Master.Nets.Count(n => n.Best is not null), Is.EqualTo(1));
    }

    [Test]
    public void Receive_limit_counts_filtered_routes_too()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p", options: new ChannelOptions
        {
            ImportFilter = Filters.None,
            ImportKeepFiltered = true,
            ReceiveLimit = new RouteLimitOptions(2, LimitAction.Block),
        });
        AnnounceMany(p, 3);

        Assert.That(p.Channel.Stats.FilteredRoutes, Is.EqualTo(2));
        Assert.That(p.Channel.ReceiveLimit!.IsHit, Is.True);
    }

    [Test]
    public void Import_limit_disable_shuts_the_protocol_down_and_withdraws_its_routes()
    {
        var rib = new TestRib();
        var watcher = rib.Protocol("watcher", "Kernel", 10);
        var p = rib.Protocol("p", options: new ChannelOptions { ImportLimit = new RouteLimitOptions(2, LimitAction.Disable) });
        AnnounceMany(p, 3);
        Assert.That(p.State, Is.EqualTo(ProtocolState.Up), "the shutdown is scheduled, not done inside the update");

        rib.Loop.RunPending();

        Assert.That(p.State, Is.EqualTo(ProtocolState.Down));
        Assert.That(p.Disabled, Is.True);
        Assert.That(p.DownCode, Is.EqualTo(ProtocolDownCode.ImportLimitHit));
        Assert.That(rib.Master.NetCount, Is.Zero);
        Assert.That(watcher.Exports.Count(e => e.New is null), Is.EqualTo(2));
        Assert.That(rib.Log.Any(l => l.Message == "Protocol p hits route import limit (2), action: disable"), Is.True);
    }

    [Test]
    public void Import_limit_restart_brings_the_protocol_back_up_with_a_reset_limit()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p", options: new ChannelOptions { ImportLimit = new RouteLimitOptions(1, LimitAction.Restart) });
        AnnounceMany(p, 2);

        rib.Loop.RunPending();

        Assert.That(p.State, Is.EqualTo(ProtocolState.Up));
        Assert.That(p.Disabled, Is.False);
        Assert.That(p.DownCode, Is.EqualTo(ProtocolDownCode.ImportLimitHit));
        Assert.That(p.Channel.ImportLimit!.IsHit, Is.False);
        Assert.That(rib.Master.NetCount, Is.Zero, "its routes were flushed by the restart");
    }

    [Test]
    public void Export_limit_block_stops_further_exports()
    {
        var rib = new TestRib();
        var peer = rib.Protocol("peer", "BGP", 100, new ChannelOptions { ExportFilter = Filters.All, ExportLimit = new RouteLimitOptions(2, LimitAction.Block) });
        var source = rib.Protocol("static1", "Static", 200);
        AnnounceMany(source, 4);

        Assert.That(peer.Exports, Has.Count.EqualTo(2));
        Assert.That(peer.Channel.Stats.ExportUpdatesRejected, Is.EqualTo(2));
        Assert.That(peer.Channel.ExportLimit!.IsHit, Is.True);
    }

    [Test]
    public void Export_limit_disable_disables_the_receiving_protocol()
    {
        var rib = new TestRib();
        var peer = rib.Protocol("peer", "BGP", 100, new ChannelOptions { ExportFilter = Filters.All, ExportLimit = new RouteLimitOptions(1, LimitAction.Disable) });
        var source = rib.Protocol("static1", "Static", 200);
        AnnounceMany(source, 2);
        rib.Loop.RunPending();

        Assert.That(peer.Disabled, Is.True);
        Assert.That(peer.DownCode, Is.EqualTo(ProtocolDownCode.ExportLimitHit));
        Assert.That(source.State, Is.EqualTo(ProtocolState.Up));
        Assert.That(rib.Master.NetCount, Is.EqualTo(2));
    }

    [Test]
    public void Limit_lines_print_as_in_show_protocols_all()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p", options: new ChannelOptions { ImportLimit = new RouteLimitOptions(1, LimitAction.Block) });
        AnnounceMany(p, 2);
        var lines = new List<string>();
        ProtocolStatsFormatter.AppendBasicInfo16(lines, p.Channel);

        Assert.That(lines, Does.Contain("  Import limit:   1 [HIT]"));
        Assert.That(lines, Does.Contain("    Action:       block"));
    }
}
