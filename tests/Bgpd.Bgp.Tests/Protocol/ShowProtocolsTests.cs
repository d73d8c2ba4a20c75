using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>The BGP lines of `show protocols all`, compared with BIRD 1.6.8's own output in ../shared.</summary>
public class ShowProtocolsTests
{
    private static string Transcript(string name)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bgpd.sln"))) dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "repository root (Bgpd.sln) above the test directory");
        return File.ReadAllText(Path.Combine(dir!.FullName, "..", "shared", "fixtures", "bird", "transcripts", "bird-1.6.8", name));
    }

    /// <summary>The BGP block of a transcript: from "  BGP state:" to the blank line before the exit code.</summary>
    private static List<string> BgpBlock(string transcript)
    {
        var lines = transcript.Split('\n').SkipWhile(l => !l.StartsWith("  BGP state:", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).ToList();
        Assert.That(lines, Is.Not.Empty);
        return lines;
    }

    private static string InfoColumn(string transcript, string name)
    {
        var row = transcript.Split('\n').First(l => l.StartsWith(name + " BGP", StringComparison.Ordinal));
        return row[(row.IndexOf(':') + 10)..];
    }

    private static List<string> Details(ProtocolHarness.Peer peer)
    {
        var lines = new List<string>();
        peer.Protocol.AppendDetails(lines);
        return lines;
    }

    [Test]
    public void Established_session_prints_as_bird_does()
    {
        var transcript = Transcript("show_protocols_all_bgp_established.txt");
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2", tweak: o => o with
        {
            Session = o.Session with
            {
                Passive = false,
                Capabilities = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], 64512, AddPathMode.Both),
            },
        });
        var peerCaps = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], 64512, AddPathMode.Both);
        peerCaps.GracefulRestart = new GracefulRestartCapability(false, true, 120, [new GracefulRestartFamily(BgpFamily.IPv4Unicast, false)]);
        h.Establish(peer, IpAddress.Parse("10.99.0.2").V4Value, peerCaps, holdTime: 240);
        h.Time.AdvanceSeconds(22);
        h.Loop.RunPending();
        peer.Protocol.Session.SendOnEstablished([]); // we sent something 15 s before the snapshot: keepalive 65/80
        h.Time.AdvanceSeconds(15);
        h.Loop.RunPending();
        Assert.That(Details(peer), Is.EqualTo(BgpBlock(transcript)));
        Assert.That(peer.Protocol.Info, Is.EqualTo(InfoColumn(transcript, "Mesh_10_99_0_2")));
    }

    [Test]
    public void Connecting_session_after_a_socket_error_prints_as_bird_does()
    {
        var transcript = Transcript("show_protocols_all_bgp_connect.txt");
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.9", tweak: o => o with { Session = o.Session with { Passive = false } }, connect: false);
        peer.Protocol.ConnectOverride = () => { };
        peer.Protocol.Start();
        h.Loop.RunPending();
        h.Time.AdvanceSeconds(5);
        h.Loop.RunPending();
        peer.Protocol.Inject(new SessionEvent.TcpConnectFailed(ConnectionSide.Outgoing, "No route to host"));
        Assert.That(Details(peer), Has.Some.StartsWith("    Connect delay:    5/5"), "BIRD shows the connect delay while Active");
        h.Time.AdvanceSeconds(5);
        h.Loop.RunPending();
        Assert.That(Details(peer), Is.EqualTo(BgpBlock(transcript)));
        Assert.That(peer.Protocol.Info, Is.EqualTo(InfoColumn(transcript, "Mesh_10_99_0_9")));
    }

    [Test]
    public void Disabled_session_prints_as_bird_does()
    {
        var transcript = Transcript("show_protocols_all_bgp_disabled.txt");
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.8", peerAs: 65001, connect: false);
        peer.Protocol.SetDisabledByConfig(true);
        peer.Protocol.Start();
        Assert.That(Details(peer), Is.EqualTo(BgpBlock(transcript)));
        Assert.That(peer.Protocol.Info, Is.Empty);
    }

    [Test]
    public void Error_wait_is_shown_while_the_restart_is_held_back()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Receive(peer, NotificationMessage.Encode(BgpError.HoldTimerExpired()));
        h.Time.AdvanceSeconds(10);
        Assert.That(Details(peer), Has.Some.EqualTo("    Error wait:       50/60"));
        Assert.That(Details(peer)[^1], Is.EqualTo("    Last error:       Received: Hold timer expired"));
    }

    [Test]
    public void Peers_shutdown_communication_becomes_the_protocol_message_as_bird_shows_it()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Receive(peer, NotificationMessage.Encode(new BgpError(BgpError.Codes.Cease, 2, ShutdownCommunication.Encode("maintenance window"))));
        Assert.That(peer.Protocol.Message, Is.EqualTo("maintenance window"));
        Assert.That(peer.Protocol.Session.LastError.ToString(), Is.EqualTo("Received: Administrative shutdown"));
    }

    [Test]
    public void Losing_the_session_starts_the_route_change_counters_from_zero_as_birds_restart_does()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Announce(peer, ProtocolHarness.Path("10.99.0.2"), "10.80.0.0/16");
        Assert.That(peer.Protocol.MainChannel!.Stats.ImportUpdatesReceived, Is.EqualTo(1));
        h.Receive(peer, NotificationMessage.Encode(BgpError.Cease(2)));
        Assert.That(peer.Protocol.MainChannel!.Stats.ImportUpdatesReceived, Is.EqualTo(0));
        Assert.That(peer.Protocol.MainChannel!.Stats.ExportUpdatesReceived, Is.EqualTo(0));
    }

    [Test]
    public void An_operator_restart_does_not_wait_out_the_error_wait_as_bird_does()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Receive(peer, NotificationMessage.Encode(BgpError.HoldTimerExpired()));
        Assert.That(Details(peer), Has.Some.StartsWith("    Error wait:"));

        peer.Protocol.Restart();
        h.Loop.RunPending();

        Assert.That(Details(peer), Has.None.StartsWith("    Error wait:"));
        Assert.That(peer.Protocol.Session.StartupDelay, Is.EqualTo(0));
    }

    [Test]
    public void A_route_limit_that_restarts_the_protocol_makes_it_wait_and_shows_hit_until_up()
    {
        var h = new ProtocolHarness();
        var channel = new Bgpd.Rib.Protocols.ChannelOptions
        {
            ImportFilter = Bgpd.Rib.Filtering.Filters.All,
            ExportFilter = Bgpd.Rib.Filtering.Filters.All,
            ImportLimit = new Bgpd.Rib.Protocols.RouteLimitOptions(1, Bgpd.Rib.Protocols.LimitAction.Restart),
        };
        var peer = h.AddPeer("10.99.0.2", channel: channel);
        h.Establish(peer, 0x0A630002);
        h.Announce(peer, ProtocolHarness.Path("10.99.0.2"), "10.80.0.0/16", "10.81.0.0/16");
        h.Loop.RunPending();

        Assert.That(peer.Protocol.State, Is.EqualTo(Bgpd.Rib.Protocols.ProtocolState.Start));
        Assert.That(Details(peer), Has.Some.StartsWith("    Error wait:       60/60"));
        Assert.That(peer.Protocol.MainChannel!.ImportLimit!.IsHit, Is.True, "BIRD shows [HIT] until the protocol is up again");
        Assert.That(peer.Protocol.Session.LastError.ToString(), Is.EqualTo("Automatic shutdown: Route limit exceeded"));
    }
}
