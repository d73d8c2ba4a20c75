using Bgpd.Control;
using Bgpd.Control.Renderers;
using Bgpd.Control.Views;
using Bgpd.Net;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.Control;

/// <summary>Renderers fed the state BIRD had when the transcripts were captured must reproduce BIRD's bytes.</summary>
public class RendererTranscriptTests
{
    static readonly DateTimeOffset Day = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    static DateTimeOffset At(string hms) => Day + TimeSpan.Parse(hms);
    static readonly DateTimeOffset Now = At("03:33:10");

    static ProtocolView Protocol(string name, string cls, string state, string since, string info = "") => new()
    {
        Name = name,
        ClassName = cls,
        TableName = "master",
        State = state,
        Since = At(since),
        Info = info,
    };

    [Test]
    public void Show_status_matches_bird()
    {
        var reply = new RecordedReply();
        var status = new StatusView(IpAddress.Parse("10.99.0.1"), At("03:30:05"), At("03:29:37"), At("03:29:37"), false, false, null);
        StatusRenderer.Render(status, TimeFormats.Default, reply);
        Assert.That(reply.Framed(), Is.EqualTo(Transcript.ReplyTo(Transcript.Bird16("show_status.txt"), "show status")));
    }

    [Test]
    public void Show_status_during_graceful_restart_recovery_matches_bird()
    {
        var reply = new RecordedReply();
        var status = new StatusView(IpAddress.Parse("10.99.0.1"), At("03:37:50"), At("03:37:49"), At("03:37:49"), false, false,
            new GracefulRestartView(2, 239, 240));
        StatusRenderer.Render(status, TimeFormats.Default, reply);
        Assert.That(reply.Framed(), Is.EqualTo(Transcript.ReplyTo(Transcript.Bird16("graceful_restart_recovery_show_status_raw.txt"), "show status")));
    }

    [Test]
    public void Show_protocols_matches_bird()
    {
        var protocols = new[]
        {
            Protocol("kernel1", "Kernel", "up", "03:30:47"),
            Protocol("device1", "Device", "up", "03:29:37"),
            Protocol("direct1", "Direct", "up", "03:29:37"),
            Protocol("static1", "Static", "up", "03:29:37"),
            Protocol("p_aux", "Pipe", "up", "03:29:37", "=> aux"),
            Protocol("Mesh_10_99_0_2", "BGP", "up", "03:31:11", "Established   "),
            Protocol("Mesh_10_99_0_9", "BGP", "start", "03:31:36", "Connect       Socket: No route to host"),
            Protocol("Disabled_peer", "BGP", "down", "03:32:28"),
        };
        var reply = new RecordedReply();
        ProtocolsRenderer.Render(protocols, false, TimeFormats.Default, Now, reply);
        Assert.That(reply.Framed(), Is.EqualTo(Transcript.ReplyTo(Transcript.Bird16("show_protocols.txt"), "show protocols")));
    }

    [Test]
    public void Show_protocols_all_for_static_matches_bird()
    {
        var p = Protocol("static1", "Static", "up", "03:29:37") with
        {
            Preference = 200,
            Routes = new RouteCounts(4, 0, 0, 8, false, true),
            Stats = RouteChangeStats.Zero with { ImportUpdatesReceived = 4, ImportUpdatesAccepted = 4 },
        };
        var reply = new RecordedReply();
        ProtocolsRenderer.Render([p], true, TimeFormats.Default, Now, reply);
        Assert.That(reply.Framed(), Is.EqualTo(Transcript.ReplyTo(Transcript.Bird16("show_protocols_all_static.txt"), "show protocols all static1")));
    }

    [Test]
    public void Show_protocols_all_for_a_disabled_bgp_peer_omits_route_counters()
    {
        var p = Protocol("Disabled_peer", "BGP", "down", "03:32:28") with
        {
            Description = "Connection to BGP peer",
            Preference = 100,
            OutputFilter = "calico_export_to_bgp_peers",
            Routes = new RouteCounts(0, 0, 0, 0, false, true),
            ExtraLines = ["  BGP state:          Down", "    Neighbor address: 10.99.0.8", "    Neighbor AS:      65001"],
        };
        var reply = new RecordedReply();
        ProtocolsRenderer.Render([p], true, TimeFormats.Default, Now, reply);
        Assert.That(reply.Framed(), Is.EqualTo(Transcript.ReplyTo(Transcript.Bird16("show_protocols_all_bgp_disabled.txt"), "show protocols all Disabled_peer")));
    }

    [Test]
    public void Show_route_with_multipath_and_secondary_routes_matches_bird_line_format()
    {
        var gw2 = IpAddress.Parse("10.99.0.2");
        RouteView R(string net, string dest, string proto, string since, string info, bool primary = true) => new()
        {
            Network = Prefix.Parse(net),
            Destination = dest,
            ProtocolName = proto,
            Since = At(since),
            Info = info,
            Primary = primary,
            TypeText = "static unicast univ",
        };
        var multipath = R("10.10.4.0/24", "multipath", "static1", "03:32:28", " (200)") with
        {
            NextHops = [new NextHopView(IpAddress.Parse("10.99.0.3"), "rsv16", 2), new NextHopView(gw2, "rsv16", 1)],
        };
        var listing = new RouteListing(
        [
            new NetworkView(multipath.Network, [multipath]),
            new NetworkView(Prefix.Parse("172.31.2.0/24"),
            [
                R("172.31.2.0/24", "via 10.99.0.2 on rsv16", "static1", "03:33:02", " (200)"),
                R("172.31.2.0/24", "via 10.99.0.2 on rsv16", "Mesh_10_99_0_2", "03:31:11", " (100/0) [i]", primary: false),
            ]),
        ], 3, 3, 2);
        var reply = new RecordedReply();
        RouteRenderer.Render(listing, false, false, false, false, TimeFormats.Default, Now, reply);
        var expected = Transcript.ReplyTo(Transcript.Bird16("show_route.txt"), "show route").Split('\n');
        var framed = reply.Framed().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(framed[0], Is.EqualTo("1007-" + expected.First(l => l.Contains("10.10.4.0/24"))[1..]));
            Assert.That(framed[1..3], Is.EqualTo(expected.Where(l => l.StartsWith(" \tvia 10.99.0.3 on rsv16 weight 2") || l.StartsWith(" \tvia 10.99.0.2 on rsv16 weight 1")).Take(2)));
            Assert.That(framed[3..5], Is.EqualTo(expected.Where(l => l.Contains("172.31.2.0/24") || l.StartsWith("                    via"))));
            Assert.That(framed[5], Is.EqualTo("0000 "));
        });
    }

    [Test]
    public void Show_route_count_prints_bird_counters()
    {
        var reply = new RecordedReply();
        RouteRenderer.Render(new RouteListing([], 13, 13, 12), false, true, false, false, TimeFormats.Default, Now, reply);
        Assert.That(reply.Framed(), Is.EqualTo(Transcript.ReplyTo(Transcript.Bird16("show_route_count.txt"), "show route count")));
    }

    [Test]
    public void Missing_network_for_a_single_prefix_query_is_8001()
    {
        var reply = new RecordedReply();
        RouteRenderer.Render(new RouteListing([], 0, 0, 0), false, false, false, true, TimeFormats.Default, Now, reply);
        Assert.That(reply.Framed(), Is.EqualTo(Transcript.ReplyTo(Transcript.Bird16("show_route_for_missing.txt"), "show route for 1.2.3.4")));
    }

    [Test]
    public void Show_memory_matches_bird()
    {
        var reply = new RecordedReply();
        SimpleRenderers.Memory(new MemoryView(48 * 1024, 10 * 1024, 192, 28 * 1024, 134 * 1024), reply);
        Assert.That(reply.Framed(), Is.EqualTo(Transcript.ReplyTo(Transcript.Bird16("show_memory.txt"), "show memory")));
    }

    [TestCase(9560, " 9560  B")]
    [TestCase(10240, "   10 kB")]
    [TestCase(1440, " 1440  B")]
    [TestCase(20L * 1024 * 1024, "   20 MB")]
    public void Memory_sizes_use_bird_units(long bytes, string expected) =>
        Assert.That(SimpleRenderers.Size(bytes), Is.EqualTo(expected));

    [Test]
    public void Show_symbols_pads_names_to_eight_columns()
    {
        var reply = new RecordedReply();
        SimpleRenderers.Symbols([new SymbolView("master", "routing table"), new SymbolView("static1", "protocol"), new SymbolView("calico_export_to_bgp_peers", "filter")], reply);
        var bird = Transcript.ReplyTo(Transcript.Bird16("show_symbols.txt"), "show symbols");
        Assert.Multiple(() =>
        {
            Assert.That(reply.Framed(), Does.StartWith("1010-master  \trouting table\n static1 \tprotocol\n calico_export_to_bgp_peers\tfilter\n"));
            Assert.That(bird, Does.Contain(" master  \trouting table\n").And.Contain(" static1 \tprotocol\n"));
        });
    }
}
