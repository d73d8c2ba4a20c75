using Bgpd.Config;
using Bgpd.Control;
using Bgpd.Rib;
using Bgpd.Rib.Protocols;
using Bgpd.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bgpd.Tests.Runtime;

/// <summary>Config-to-RIB composition and reconfiguration, driven synchronously on a routing loop (no sockets).</summary>
public class RouterStateTests
{
    const string Base = """
        router id 10.0.0.1;
        table aux;
        filter tens { if net ~ [ 10.0.0.0/8+ ] then accept; reject; }
        protocol static keep1 { route 10.1.0.0/16 blackhole; }
        protocol static change1 { route 10.2.0.0/16 blackhole; }
        protocol static gone1 { route 10.3.0.0/16 blackhole; }
        protocol pipe p1 { peer table aux; import none; export filter tens; }
        """;

    static (RoutingLoop Loop, RouterState State) Create()
    {
        var loop = new RoutingLoop();
        return (loop, new RouterState(loop, new DaemonServices(loop, false, NullLogger.Instance)));
    }

    static Bgpd.Config.Model.BirdConfig Parse(string text) => ConfigParser.ParseText(text, "test.conf");

    [Test]
    public void Config_builds_tables_and_protocols_in_order_and_starts_them()
    {
        var (loop, state) = Create();
        state.Apply(Parse(Base), soft: false);
        loop.RunPending();
        Assert.Multiple(() =>
        {
            Assert.That(state.Tables.Keys, Is.EquivalentTo(new[] { "master", "aux" }));
            Assert.That(state.Protocols.Select(p => p.Name), Is.EqualTo(new[] { "keep1", "change1", "gone1", "p1" }));
            Assert.That(state.Protocols.All(p => p.State == ProtocolState.Up), Is.True);
            Assert.That(state.Tables["aux"].NetCount, Is.EqualTo(3), "the pipe's named filter passed the 10/8 routes");
            Assert.That(state.Find("p1")!.MainChannel!.ExportFilter.DisplayName, Is.EqualTo("tens"));
        });
    }

    [Test]
    public void Reconfigure_keeps_unchanged_instances_changes_static_routes_in_place_and_replaces_removed_ones()
    {
        var (loop, state) = Create();
        state.Apply(Parse(Base), soft: false);
        loop.RunPending();
        var keep = state.Find("keep1");
        var change = state.Find("change1");
        var gone = state.Find("gone1")!;
        var busy = state.Apply(Parse(Base.Replace("route 10.2.0.0/16 blackhole", "route 10.2.0.0/16 unreachable")
            .Replace("protocol static gone1 { route 10.3.0.0/16 blackhole; }", "protocol static new1 { route 10.4.0.0/16 blackhole; }")), soft: false);
        loop.RunPending();
        Assert.Multiple(() =>
        {
            Assert.That(busy, Is.False);
            Assert.That(state.Find("keep1"), Is.SameAs(keep));
            Assert.That(state.Find("change1"), Is.SameAs(change), "BIRD reconfigures a static protocol in place");
            Assert.That(change!.State, Is.EqualTo(ProtocolState.Up));
            Assert.That(state.Tables["master"].Find(Bgpd.Net.Prefix.Parse("10.2.0.0/16"))!.Best!.Attributes.Dest,
                Is.EqualTo(Bgpd.Rib.Attributes.RouteDest.Unreachable), "the changed route is re-announced");
            Assert.That(gone.State, Is.EqualTo(ProtocolState.Down));
            Assert.That(state.Find("gone1"), Is.Null);
            Assert.That(state.Find("new1")!.State, Is.EqualTo(ProtocolState.Up));
            Assert.That(state.Tables["master"].Find(Bgpd.Net.Prefix.Parse("10.3.0.0/16")), Is.Null);
        });
    }

    [Test]
    public void A_static_protocol_moved_to_another_table_is_restarted()
    {
        var (loop, state) = Create();
        state.Apply(Parse(Base), soft: false);
        loop.RunPending();
        var change = state.Find("change1");
        state.Apply(Parse(Base.Replace("protocol static change1 {", "protocol static change1 { table aux;")), soft: false);
        loop.RunPending();
        Assert.Multiple(() =>
        {
            Assert.That(state.Find("change1"), Is.Not.SameAs(change));
            Assert.That(change!.State, Is.EqualTo(ProtocolState.Down));
            Assert.That(state.Find("change1")!.State, Is.EqualTo(ProtocolState.Up));
            Assert.That(state.Tables["aux"].Find(Bgpd.Net.Prefix.Parse("10.2.0.0/16")), Is.Not.Null);
        });
    }

    [Test]
    public void Changing_a_filter_body_refilters_its_pipe_in_place()
    {
        var changedFilter = Base.Replace("[ 10.0.0.0/8+ ]", "[ 10.1.0.0/16+ ]");
        var (loop, state) = Create();
        state.Apply(Parse(Base), soft: false);
        loop.RunPending();
        var pipe = state.Find("p1");
        state.Apply(Parse(changedFilter), soft: false);
        loop.RunPending();
        Assert.Multiple(() =>
        {
            Assert.That(state.Find("p1"), Is.SameAs(pipe), "BIRD keeps a pipe running and re-feeds it through the new filter");
            Assert.That(pipe!.State, Is.EqualTo(ProtocolState.Up));
            Assert.That(state.Tables["aux"].Find(Bgpd.Net.Prefix.Parse("10.2.0.0/16"))?.Best, Is.Null, "rejected now, so withdrawn");
            Assert.That(state.Tables["aux"].Find(Bgpd.Net.Prefix.Parse("10.1.0.0/16"))?.Best, Is.Not.Null);
        });
    }

    [Test]
    public void Soft_reconfiguration_compares_filters_by_name_only()
    {
        var (loop, state) = Create();
        state.Apply(Parse(Base), soft: false);
        loop.RunPending();
        var pipe = state.Find("p1");
        state.Apply(Parse(Base.Replace("[ 10.0.0.0/8+ ]", "[ 10.1.0.0/16+ ]")), soft: true);
        loop.RunPending();
        Assert.Multiple(() =>
        {
            Assert.That(state.Find("p1"), Is.SameAs(pipe));
            Assert.That(state.Tables["aux"].Find(Bgpd.Net.Prefix.Parse("10.2.0.0/16"))?.Best, Is.Not.Null, "no re-feed on soft");
        });
    }

    [Test]
    public void Soft_reconfiguration_installs_the_new_filter_for_routes_that_come_later()
    {
        var (loop, state) = Create();
        state.Apply(Parse(Base), soft: false);
        loop.RunPending();
        var narrowed = Base.Replace("[ 10.0.0.0/8+ ]", "[ 10.1.0.0/16+ ]");
        state.Apply(Parse(narrowed), soft: true);
        loop.RunPending();
        state.Apply(Parse(narrowed + "\nprotocol static later1 { route 10.6.0.0/16 blackhole; route 10.1.6.0/24 blackhole; }\n"), soft: false);
        loop.RunPending();
        Assert.Multiple(() =>
        {
            Assert.That(state.Tables["aux"].Find(Bgpd.Net.Prefix.Parse("10.6.0.0/16"))?.Best, Is.Null, "the old filter would have passed it");
            Assert.That(state.Tables["aux"].Find(Bgpd.Net.Prefix.Parse("10.1.6.0/24"))?.Best, Is.Not.Null);
        });
    }

    [Test]
    public async Task A_bgp_protocol_whose_filters_changed_keeps_running_and_one_whose_options_changed_restarts()
    {
        var port = Bgpd.Tests.Support.FreePorts.Take(1)[0];
        var config = $$"""
            router id 10.0.0.1;
            listen bgp address 127.0.0.1 port {{port}};
            filter out1 { if net ~ [ 10.1.0.0/16+ ] then accept; reject; }
            protocol static s1 { route 10.1.0.0/16 blackhole; route 10.2.0.0/16 blackhole; }
            protocol bgp peer1 { local as 65001; neighbor 127.0.0.2 as 65002; passive on; export filter out1; import all; }
            """;
        var loop = new RoutingLoop();
        await using var services = new DaemonServices(loop, false, NullLogger.Instance);
        var state = new RouterState(loop, services);
        state.Apply(Parse(config), soft: false);
        loop.RunPending();
        var bgp = state.Find("peer1")!;
        var filterBefore = bgp.MainChannel!.ExportFilter;

        state.Apply(Parse(config.Replace("[ 10.1.0.0/16+ ]", "[ 10.2.0.0/16+ ]").Replace("import all", "import where net ~ [ 10.9.0.0/16 ]")), soft: false);
        loop.RunPending();
        Assert.Multiple(() =>
        {
            Assert.That(state.Find("peer1"), Is.SameAs(bgp), "BIRD reloads a BGP protocol whose filters changed; it does not restart it");
            Assert.That(bgp.State, Is.Not.EqualTo(ProtocolState.Down));
            Assert.That(bgp.MainChannel!.ExportFilter, Is.Not.SameAs(filterBefore), "the new filter body is installed");
            Assert.That(bgp.MainChannel!.ImportFilter.DisplayName, Is.Not.EqualTo("ACCEPT"));
        });

        state.Apply(Parse(config.Replace("passive on;", "passive on; hold time 30;")), soft: false);
        loop.RunPending();
        Assert.Multiple(() =>
        {
            Assert.That(state.Find("peer1"), Is.Not.SameAs(bgp), "a changed BGP option restarts the protocol");
            Assert.That(bgp.State, Is.EqualTo(ProtocolState.Down));
        });
        state.StopAll();
        loop.RunPending();
    }


    [Test]
    public void Bgp_confederation_is_refused_with_the_protocols_position()
    {
        var (_, state) = Create();
        var e = Assert.Throws<UnsupportedFeatureException>(() => state.Apply(Parse("router id 10.0.0.1;\nprotocol bgp confed1 {\n  local as 65001;\n  neighbor 10.0.0.2 as 65002;\n  confederation 64512;\n  ipv4 { import all; export all; };\n}\n"), soft: false))!;
        Assert.That(e.Message, Does.Contain("confederations are not supported"));
        Assert.That(e.Pos.Line, Is.EqualTo(2));
    }

    [Test]
    public void Unsupported_protocol_leaves_the_running_state_untouched()
    {
        var (loop, state) = Create();
        state.Apply(Parse(Base), soft: false);
        loop.RunPending();
        var before = state.Protocols.ToList();
        Assert.Throws<UnsupportedFeatureException>(() => state.Apply(Parse(Base + "\nprotocol bfd { }\n"), soft: false));
        Assert.Multiple(() =>
        {
            Assert.That(state.Protocols, Is.EqualTo(before));
            Assert.That(before.All(p => p.State == ProtocolState.Up), Is.True);
        });
    }

    [Test]
    public void Route_query_counts_like_bird_and_filters_by_protocol()
    {
        var (loop, state) = Create();
        var config = Parse(Base);
        state.Apply(config, soft: false);
        loop.RunPending();
        var engine = new RouteQueryEngine(state.Tables, state.Find, config, state.Program!, "master", (_, _) => false);
        var all = engine.Run(new RouteQuery { Count = true }).Listing!;
        var one = engine.Run(new RouteQuery { Protocol = "keep1" }).Listing!;
        var where = engine.Run(new RouteQuery { WhereExpression = "net ~ [ 10.2.0.0/16 ]" }).Listing!;
        Assert.Multiple(() =>
        {
            Assert.That((all.ShownRoutes, all.VisitedRoutes, all.VisitedNetworks), Is.EqualTo((3L, 3L, 3L)));
            Assert.That(all.Networks, Is.Empty, "a count builds no route views");
            Assert.That(one.Networks.Select(n => n.Network.ToString()), Is.EqualTo(new[] { "10.1.0.0/16" }));
            Assert.That((one.ShownRoutes, one.VisitedRoutes), Is.EqualTo((1L, 3L)));
            Assert.That(where.Networks.Single().Routes.Single().ProtocolName, Is.EqualTo("change1"));
        });
    }
}
