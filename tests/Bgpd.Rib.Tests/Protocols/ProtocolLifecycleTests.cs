using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;

namespace Bgpd.Rib.Tests.Protocols;

public class ProtocolLifecycleTests
{
    [Test]
    public void Since_follows_state_changes_on_the_loop_clock()
    {
        var rib = new TestRib();
        var p = new TestProtocol("p", rib.Loop, rib.Master);
        rib.Time.Advance(TimeSpan.FromMinutes(5));
        p.Start();
        var upSince = p.Since;
        rib.Time.Advance(TimeSpan.FromMinutes(1));
        p.Disable();

        Assert.That(upSince, Is.EqualTo(new DateTimeOffset(2026, 11, 21, 3, 34, 37, TimeSpan.Zero)));
        Assert.That(p.Since - upSince, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(p.StateName, Is.EqualTo("down"));
    }

    [Test]
    public void Disable_and_enable_report_whether_anything_changed_and_keep_the_message()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");

        Assert.That(p.Disable("maintenance"), Is.True);
        Assert.That(p.Disable(), Is.False);
        Assert.That(p.Message, Is.EqualTo("maintenance"));
        Assert.That(p.StateName, Is.EqualTo("down"));
        Assert.That(p.Enable(), Is.True);
        Assert.That(p.Enable(), Is.False);
        Assert.That(p.StateName, Is.EqualTo("up"));
    }

    [Test]
    public void Going_down_withdraws_routes_from_the_table_and_other_protocols()
    {
        var rib = new TestRib();
        var watcher = rib.Protocol("watcher", "Kernel", 10);
        var p = rib.Protocol("p", "Static", 200);
        p.Announce("10.0.0.0/24");
        p.Announce("10.0.1.0/24");

        p.Disable();

        Assert.That(rib.Master.NetCount, Is.Zero);
        Assert.That(watcher.Exports.Count(e => e.New is null), Is.EqualTo(2));
        Assert.That(p.Channel.Stats.ImportedRoutes, Is.Zero);
        Assert.That(p.Channel.Stats.PreferredRoutes, Is.Zero);
        Assert.That(watcher.Channel.Stats.ExportedRoutes, Is.Zero);
    }

    [Test]
    public void Protocol_that_comes_up_later_imports_only_once_up_and_flushes_when_the_session_drops()
    {
        var rib = new TestRib();
        var watcher = rib.Protocol("watcher", "Kernel", 10);
        var bgp = new TestProtocol("bgp1", rib.Loop, rib.Master, "BGP") { Asynchronous = true };
        bgp.Start();
        bgp.Announce("10.0.0.0/24");
        Assert.That((bgp.StateName, rib.Master.NetCount), Is.EqualTo(("start", 0)));

        bgp.Complete(ProtocolState.Up);
        bgp.Announce("10.0.0.0/24");
        Assert.That(rib.Master.NetCount, Is.EqualTo(1));
        Assert.That(bgp.Exports, Has.Count.EqualTo(1), "fed the table once up");

        bgp.Complete(ProtocolState.Start); // session lost, protocol still enabled
        Assert.That(rib.Master.NetCount, Is.Zero);
        Assert.That(watcher.Exports.Last().New, Is.Null);

        bgp.Complete(ProtocolState.Up);
        bgp.Disable();
        Assert.That(bgp.StateName, Is.EqualTo("stop"));
        bgp.Complete(ProtocolState.Down);
        Assert.That(bgp.StateName, Is.EqualTo("down"));
    }

    [Test]
    public void Unattributed_routes_belong_to_the_announcing_protocol()
    {
        var rib = new TestRib();
        var a = rib.Protocol("a");
        var b = rib.Protocol("b");
        var plain = new Bgpd.Rib.Attributes.RouteAttributes(null, Bgpd.Rib.Attributes.RouteSource.Static, Bgpd.Rib.Attributes.RouteDest.Blackhole);
        a.Channel.Update(TestRib.P("10.0.0.0/24"), plain);
        b.Channel.Update(TestRib.P("10.0.0.0/24"), plain);

        Assert.That(rib.Master.Find(TestRib.P("10.0.0.0/24"))!.RouteCount, Is.EqualTo(2));
        a.Withdraw("10.0.0.0/24");
        Assert.That(rib.Master.Find(TestRib.P("10.0.0.0/24"))!.Best!.Source, Is.SameAs(b));
    }

    [Test]
    public void Protocol_holding_exports_back_shows_wait()
    {
        var rib = new TestRib();
        var kernel = rib.Protocol("kernel1", "Kernel", 10);
        kernel.Waiting = true;
        Assert.That(kernel.StateName, Is.EqualTo("wait"));
        kernel.Waiting = false;
        Assert.That(kernel.StateName, Is.EqualTo("up"));
    }

    [Test]
    public void Disabled_by_config_does_not_start()
    {
        var rib = new TestRib();
        var p = new TestProtocol("p", rib.Loop, rib.Master);
        p.SetDisabledByConfig(true);
        p.Start();

        Assert.That(p.State, Is.EqualTo(ProtocolState.Down));
    }

    [Test]
    public void Restart_keeps_it_up_and_counts_afresh()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        p.Announce("10.0.0.0/24");
        p.Restart("because");

        Assert.That(p.State, Is.EqualTo(ProtocolState.Up));
        Assert.That(p.Message, Is.EqualTo("because"));
        Assert.That(p.Channel.Stats.ImportUpdatesReceived, Is.Zero);
        Assert.That(rib.Master.NetCount, Is.Zero);
    }

    [Test]
    public void Reload_in_fails_for_protocols_that_cannot_reimport()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        Assert.That(p.Reload(ReloadDirection.In), Is.False);
        Assert.That(p.Reload(ReloadDirection.Out), Is.True);
    }

    [Test]
    public void Generic_statistics_block_matches_bird_layout()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        p.Announce("10.0.0.0/24");
        var lines = new List<string>();
        p.AppendRouteStatistics(lines);

        Assert.That(lines, Is.EqualTo(new[]
        {
            "  Routes:         1 imported, 1 exported, 1 preferred",
            "  Route change stats:     received   rejected   filtered    ignored   accepted",
            "    Import updates:              1          0          0          0          1",
            "    Import withdraws:            0          0        ---          0          0",
            "    Export updates:              1          0          0        ---          1",
            "    Export withdraws:            0        ---        ---        ---          0",
        }));
    }
}
