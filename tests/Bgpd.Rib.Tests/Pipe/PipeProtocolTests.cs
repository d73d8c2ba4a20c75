using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Pipe;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Static;
using Bgpd.Rib.Tables;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Pipe;

public class PipeProtocolTests
{
    private static PipeProtocol Pipe(TestRib rib, string name, RoutingTable from, RoutingTable to, PipeMode mode = PipeMode.Transparent,
        IRouteFilter? import = null, IRouteFilter? export = null)
    {
        var pipe = new PipeProtocol(name, rib.Loop, from, to, new PipeOptions
        {
            Mode = mode,
            Channel = new ChannelOptions { ImportFilter = import ?? Filters.None, ExportFilter = export ?? Filters.All },
        });
        pipe.Start();
        return pipe;
    }

    [Test]
    public void Transparent_pipe_copies_routes_with_their_origin_and_preference()
    {
        var rib = new TestRib();
        var aux = new RoutingTable("aux", TableFamily.Ipv4, rib.Loop);
        var pipe = Pipe(rib, "p_aux", rib.Master, aux);
        var source = rib.Protocol("static1", "Static", 200);
        source.Announce("10.10.1.0/24");

        var copy = aux.Find(P("10.10.1.0/24"))!.Best!;
        Assert.That(copy.Source, Is.SameAs(source));
        Assert.That(copy.Preference, Is.EqualTo(200));
        Assert.That(copy.Sender.Protocol, Is.SameAs(pipe));
        Assert.That(copy.Attributes, Is.SameAs(rib.Master.Find(P("10.10.1.0/24"))!.Best!.Attributes), "the interned attributes are shared");
        Assert.That(pipe.Info, Is.EqualTo("=> aux"));
    }

    [Test]
    public void Transparent_pipe_forwards_every_route_not_only_the_best()
    {
        var rib = new TestRib();
        var aux = new RoutingTable("aux", TableFamily.Ipv4, rib.Loop);
        Pipe(rib, "p_aux", rib.Master, aux);
        rib.Protocol("static1", "Static", 200).Announce("10.0.0.0/24");
        rib.Protocol("bgp1", "BGP", 100).Announce("10.0.0.0/24");

        Assert.That(aux.Find(P("10.0.0.0/24"))!.RouteCount, Is.EqualTo(2));
    }

    [Test]
    public void Opaque_pipe_reoriginates_best_routes_with_its_own_preference()
    {
        var rib = new TestRib();
        var aux = new RoutingTable("aux", TableFamily.Ipv4, rib.Loop);
        var pipe = Pipe(rib, "p_aux", rib.Master, aux, PipeMode.Opaque);
        rib.Protocol("static1", "Static", 200).Announce("10.0.0.0/24");
        rib.Protocol("bgp1", "BGP", 100).Announce("10.0.0.0/24");

        var net = aux.Find(P("10.0.0.0/24"))!;
        Assert.That(net.RouteCount, Is.EqualTo(1));
        Assert.That(net.Best!.Source, Is.SameAs(pipe));
        Assert.That(net.Best.Attributes.Source, Is.EqualTo(RouteSource.Pipe));
        Assert.That(net.Best.Preference, Is.EqualTo(70));
    }

    [Test]
    public void Withdraws_follow_through_the_pipe()
    {
        var rib = new TestRib();
        var aux = new RoutingTable("aux", TableFamily.Ipv4, rib.Loop);
        Pipe(rib, "p_aux", rib.Master, aux);
        var source = rib.Protocol("static1", "Static", 200);
        source.Announce("10.0.0.0/24");
        source.Withdraw("10.0.0.0/24");

        Assert.That(aux.NetCount, Is.Zero);
    }

    [Test]
    public void Routes_never_come_back_through_the_pipe_that_brought_them()
    {
        var rib = new TestRib();
        var aux = new RoutingTable("aux", TableFamily.Ipv4, rib.Loop);
        var pipe = Pipe(rib, "p_aux", rib.Master, aux, import: Filters.All, export: Filters.All);
        rib.Protocol("static1", "Static", 200).Announce("10.0.0.0/24");

        Assert.That(rib.Master.Find(P("10.0.0.0/24"))!.RouteCount, Is.EqualTo(1));
        Assert.That(aux.Find(P("10.0.0.0/24"))!.RouteCount, Is.EqualTo(1));
        Assert.That(pipe.Peer.Stats.ExportUpdatesRejected, Is.EqualTo(1), "aux offers the route back and the pipe refuses it");
        Assert.That(rib.Log, Is.Empty);
    }

    [Test]
    public void A_cycle_of_pipes_is_cut_and_logged()
    {
        var rib = new TestRib();
        var a = new RoutingTable("a", TableFamily.Ipv4, rib.Loop);
        var b = new RoutingTable("b", TableFamily.Ipv4, rib.Loop);
        Pipe(rib, "m_a", rib.Master, a, PipeMode.Opaque);
        Pipe(rib, "a_b", a, b, PipeMode.Opaque);
        Pipe(rib, "b_m", b, rib.Master, PipeMode.Opaque);
        rib.Protocol("static1", "Static", 200).Announce("10.0.0.0/24");

        Assert.That(a.Find(P("10.0.0.0/24")), Is.Not.Null);
        Assert.That(b.Find(P("10.0.0.0/24")), Is.Not.Null);
        Assert.That(rib.Log.Any(l => l.Message.StartsWith("Pipe loop detected when sending 10.0.0.0/24", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Two_transparent_paths_into_one_table_are_a_collision_and_the_first_stays()
    {
        var rib = new TestRib();
        var a = new RoutingTable("a", TableFamily.Ipv4, rib.Loop);
        var b = new RoutingTable("b", TableFamily.Ipv4, rib.Loop);
        var direct = Pipe(rib, "m_b", rib.Master, b);
        Pipe(rib, "m_a", rib.Master, a);
        Pipe(rib, "a_b", a, b);
        rib.Protocol("static1", "Static", 200).Announce("10.0.0.0/24");

        var net = b.Find(P("10.0.0.0/24"))!;
        Assert.That(net.RouteCount, Is.EqualTo(1));
        Assert.That(net.Best!.Sender.Protocol, Is.SameAs(direct));
        Assert.That(rib.Log.Any(l => l.Message == "Pipe collision detected when sending 10.0.0.0/24 to table b"), Is.True);
    }

    [Test]
    public void Ipv6_tables_pipe_static_routes_too()
    {
        var rib = new TestRib();
        var master6 = new RoutingTable("master", TableFamily.Ipv6, rib.Loop);
        var aux6 = new RoutingTable("aux", TableFamily.Ipv6, rib.Loop);
        var s = new StaticProtocol("static6", rib.Loop, master6, new StaticOptions
        {
            Routes = [StaticRouteOptions.Blackhole(P("fd00:10::/64")), StaticRouteOptions.Device(P("fd00:20::/64"), "eth0")],
        });
        s.Start();
        Pipe(rib, "p6", master6, aux6);

        Assert.That(aux6.SortedNets().Select(n => n.Prefix.ToString()), Is.EqualTo(new[] { "fd00:10::/64", "fd00:20::/64" }));
        Assert.That(aux6.Find(P("fd00:20::/64"))!.Best!.Attributes.NextHops.Single().Gateway.IsV6, Is.True);
        Assert.Throws<ArgumentException>(() => new PipeProtocol("bad", rib.Loop, rib.Master, aux6, new PipeOptions()));
    }

    [Test]
    public void Export_filter_decides_what_reaches_the_peer_table()
    {
        var rib = new TestRib();
        var aux = new RoutingTable("aux", TableFamily.Ipv4, rib.Loop);
        var only10 = Filters.FromDelegate("only10", r => r.Net.Address.V4Value >> 24 == 10 ? FilterVerdict.Accept : FilterVerdict.Reject);
        var pipe = Pipe(rib, "p_aux", rib.Master, aux, export: only10);
        var source = rib.Protocol("static1", "Static", 200);
        source.Announce("10.0.0.0/24");
        source.Announce("192.168.0.0/24");

        Assert.That(aux.SortedNets().Select(n => n.Prefix.ToString()), Is.EqualTo(new[] { "10.0.0.0/24" }));
        Assert.That(pipe.Primary.Stats.ExportUpdatesFiltered, Is.EqualTo(1));
    }

    [Test]
    public void Reconfigured_export_filter_changes_what_the_peer_table_holds()
    {
        var rib = new TestRib();
        var aux = new RoutingTable("aux", TableFamily.Ipv4, rib.Loop);
        var pipe = Pipe(rib, "p_aux", rib.Master, aux);
        rib.Protocol("static1", "Static", 200).Announce("10.0.0.0/24");
        Assert.That(aux.NetCount, Is.EqualTo(1));

        var applied = pipe.Reconfigure(new PipeOptions { Channel = new ChannelOptions { ImportFilter = Filters.None, ExportFilter = Filters.None } },
            importFilterChanged: false, exportFilterChanged: true);

        Assert.That(applied, Is.True);
        Assert.That(aux.NetCount, Is.Zero);
        Assert.That(pipe.Primary.ExportFilter, Is.SameAs(Filters.None));
        Assert.That(pipe.Reconfigure(new PipeOptions { Mode = PipeMode.Opaque }, false, false), Is.False);
    }

    [Test]
    public void Disabling_the_pipe_empties_the_peer_table()
    {
        var rib = new TestRib();
        var aux = new RoutingTable("aux", TableFamily.Ipv4, rib.Loop);
        var pipe = Pipe(rib, "p_aux", rib.Master, aux);
        rib.Protocol("static1", "Static", 200).Announce("10.0.0.0/24");
        pipe.Disable();

        Assert.That(aux.NetCount, Is.Zero);
        Assert.That(rib.Master.NetCount, Is.EqualTo(1));
    }

    [Test]
    public void Lab_setup_reproduces_birds_counters_for_static_and_pipe()
    {
        // bird16.conf of the lab: static routes in master, `protocol pipe p_aux { peer table aux; import none; export all; }`.
        var rib = new TestRib();
        var ifs = new FakeInterfaces();
        ifs.Add("rsv16", 5, "10.99.0.0/24");
        var aux = new RoutingTable("aux", TableFamily.Ipv4, rib.Loop);
        var staticProtocol = new StaticProtocol("static1", rib.Loop, rib.Master, new StaticOptions
        {
            Routes =
            [
                StaticRouteOptions.Blackhole(P("10.10.1.0/24")),
                StaticRouteOptions.Via(P("10.10.2.0/24"), Ip("10.99.0.2")),
                StaticRouteOptions.Unreachable(P("10.10.3.0/24")),
                StaticRouteOptions.Blackhole(P("192.168.16.0/26")),
            ],
        }, ifs);
        staticProtocol.Start();
        var pipe = Pipe(rib, "p_aux", rib.Master, aux);

        var staticLines = new List<string>();
        ProtocolStatsFormatter.AppendBasicInfo16(staticLines, staticProtocol.Channel);
        staticProtocol.AppendRouteStatistics(staticLines);
        var bird = Fixtures.RawReplyBodies("show_protocols_all_static.txt");
        Assert.That(staticLines, Is.EqualTo(bird.SkipWhile(l => !l.StartsWith("  Preference:", StringComparison.Ordinal)).TakeWhile(l => l != " " && l.Length > 0)));

        var pipeLines = new List<string>();
        ProtocolStatsFormatter.AppendBasicInfo16(pipeLines, pipe.MainChannel!);
        pipe.AppendRouteStatistics(pipeLines);
        Assert.That(pipeLines[0..3], Is.EqualTo(new[] { "  Preference:     70", "  Input filter:   REJECT", "  Output filter:  ACCEPT" }));
        Assert.That(pipeLines[3], Is.EqualTo("  Routes:         0 imported, 4 exported"));
        Assert.That(pipeLines[5], Is.EqualTo("    Import updates:              4          4          0          0          0"));
        Assert.That(pipeLines[7], Is.EqualTo("    Export updates:              4          0          0          0          4"));
        Assert.That(aux.SortedNets().Select(n => n.Best!.Source!.Name).Distinct(), Is.EqualTo(new[] { "static1" }));
    }
}
