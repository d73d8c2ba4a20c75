using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Protocols;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>Graceful restart of the peer (RFC 4724), receiving side, under a fake clock.</summary>
public class GracefulRestartTests
{
    private const ushort RestartTime = 60;

    private static BgpCapabilities Caps(bool grAble = true, bool forwarding = true, bool restarting = false)
    {
        var caps = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], LocalAs);
        caps.GracefulRestart = grAble
            ? new GracefulRestartCapability(restarting, false, RestartTime, [new GracefulRestartFamily(BgpFamily.IPv4Unicast, forwarding)])
            : new GracefulRestartCapability(false, false, RestartTime, []);
        return caps;
    }

    private static (ProtocolHarness H, Peer Peer) Established(BgpCapabilities? caps = null)
    {
        var h = new ProtocolHarness { Interfaces = new OneInterface("eth0", "10.99.0.0/24") };
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002, caps ?? Caps());
        h.Announce(peer, Path("10.99.0.2"), "10.80.0.0/16", "10.81.0.0/16");
        return (h, peer);
    }

    private static void ConnectionLost(ProtocolHarness h, Peer peer)
    {
        peer.Protocol.Inject(new SessionEvent.TcpClosed(ConnectionSide.Incoming, null));
        h.Loop.RunPending();
    }

    private static void Reestablish(ProtocolHarness h, Peer peer, BgpCapabilities caps)
    {
        peer.Protocol.Session.Reconfigure(peer.Protocol.Session.Options with { ConnectDelayTime = 0 });
        h.Establish(peer, 0x0A630002, caps);
    }

    private static void EndOfRib(ProtocolHarness h, Peer peer) => h.Receive(peer, UpdateEncoder.EndOfRib(BgpFamily.IPv4Unicast));

    [Test]
    public void Lost_connection_of_a_restart_capable_peer_keeps_its_routes_as_stale()
    {
        var (h, peer) = Established();
        ConnectionLost(h, peer);

        Assert.That(peer.Protocol.State, Is.EqualTo(ProtocolState.Start));
        Assert.That(peer.Protocol.GracefulRestartActive, Is.True);
        Assert.That(h.Best("10.80.0.0/16"), Is.Not.Null);
        Assert.That(h.Best("10.80.0.0/16")!.IsStale, Is.True);
        var lines = new List<string>();
        peer.Protocol.AppendDetails(lines);
        Assert.That(lines, Does.Contain("    Neighbor graceful restart active"));
        Assert.That(lines, Does.Contain("    Restart timer:    60/-"));
    }

    [Test]
    public void End_of_rib_on_the_new_session_flushes_only_the_routes_not_sent_again()
    {
        var (h, peer) = Established();
        ConnectionLost(h, peer);
        Reestablish(h, peer, Caps(restarting: true));
        h.Announce(peer, Path("10.99.0.2"), "10.80.0.0/16");
        Assert.That(h.Best("10.81.0.0/16"), Is.Not.Null, "still stale until End-of-RIB");

        EndOfRib(h, peer);

        Assert.That(h.Best("10.80.0.0/16")!.IsStale, Is.False);
        Assert.That(h.Best("10.81.0.0/16"), Is.Null);
        Assert.That(peer.Protocol.GracefulRestartActive, Is.False);
        Assert.That(peer.Protocol.MainChannel!.Stats.ImportedRoutes, Is.EqualTo(1));
    }

    [Test]
    public void Restart_timer_expiry_flushes_the_stale_routes()
    {
        var (h, peer) = Established();
        ConnectionLost(h, peer);
        h.Time.AdvanceSeconds(RestartTime - 1);
        h.Loop.RunPending();
        Assert.That(h.Best("10.80.0.0/16"), Is.Not.Null);

        h.Time.AdvanceSeconds(1);
        h.Loop.RunPending();

        Assert.That(h.Best("10.80.0.0/16"), Is.Null);
        Assert.That(h.Best("10.81.0.0/16"), Is.Null);
        Assert.That(peer.Protocol.GracefulRestartActive, Is.False);
    }

    [Test]
    public void Restart_timer_expiry_restarts_the_protocol_as_bird_does()
    {
        var (h, peer) = Established();
        ConnectionLost(h, peer);
        var closedAt = peer.Protocol.Since;
        var lastError = peer.Protocol.Session.LastError;
        h.Time.AdvanceSeconds(RestartTime);
        h.Loop.RunPending();

        // BIRD bgp_stop + the core's restart: a new start (since), counters from zero, the connect
        // delay running again, the error that ended the session still shown.
        Assert.That(peer.Protocol.State, Is.EqualTo(ProtocolState.Start));
        Assert.That(peer.Protocol.Since, Is.GreaterThan(closedAt));
        Assert.That(peer.Protocol.MainChannel!.Stats.ImportedRoutes, Is.EqualTo(0));
        Assert.That(peer.Protocol.Session.Running, Is.True);
        Assert.That(peer.Protocol.Session.LastError, Is.EqualTo(lastError));
        Assert.That(lastError.ToString(), Is.EqualTo("Socket: Connection closed"));
        var lines = new List<string>();
        peer.Protocol.AppendDetails(lines);
        Assert.That(lines, Does.Not.Contain("    Neighbor graceful restart active"));
        Assert.That(lines, Has.None.StartsWith("    Restart timer:"));
        Assert.That(lines[^1], Is.EqualTo("    Last error:       Socket: Connection closed"));
    }

    [Test]
    public void Restart_timer_expiry_sends_a_cease_on_a_half_open_connection_and_the_peer_can_connect_again()
    {
        var (h, peer) = Established();
        ConnectionLost(h, peer);
        Assert.That(peer.Protocol.InjectIncoming(), Is.True, "the peer is back, its OPEN not yet received");
        peer.Sent.Clear();
        h.Time.AdvanceSeconds(RestartTime);
        h.Loop.RunPending();

        var notification = peer.Sent.Single(m => m[18] == (byte)MessageType.Notification);
        Assert.That(notification[19..21], Is.EqualTo(new byte[] { 6, 0 }), "Cease, no subcode (bgp_stop(p, 0))");
        Assert.That(peer.Protocol.Session.LastError.ToString(), Is.EqualTo("Socket: Connection closed"), "BIRD stores no error while stopping");

        Reestablish(h, peer, Caps());
        Assert.That(peer.Protocol.State, Is.EqualTo(ProtocolState.Up));
        Assert.That(peer.Protocol.GracefulRestartActive, Is.False);
    }

    [Test]
    public void Peer_back_without_the_forwarding_bit_is_flushed_at_once()
    {
        var (h, peer) = Established();
        ConnectionLost(h, peer);
        Reestablish(h, peer, Caps(forwarding: false));
        Assert.That(h.Best("10.80.0.0/16"), Is.Null);
        Assert.That(peer.Protocol.GracefulRestartActive, Is.False);
    }

    [Test]
    public void Peer_without_restart_capability_is_flushed_when_the_connection_is_lost()
    {
        var (h, peer) = Established(Caps(grAble: false));
        ConnectionLost(h, peer);
        Assert.That(h.Best("10.80.0.0/16"), Is.Null);
        Assert.That(peer.Protocol.GracefulRestartActive, Is.False);
    }

    [Test]
    public void A_notification_from_the_peer_is_not_a_graceful_restart()
    {
        var (h, peer) = Established();
        h.Receive(peer, NotificationMessage.Encode(BgpError.Cease(2)));
        Assert.That(h.Best("10.80.0.0/16"), Is.Null);
        Assert.That(peer.Protocol.GracefulRestartActive, Is.False);
    }

    [Test]
    public void Hold_timer_expiry_of_a_restart_capable_peer_keeps_routes_and_sends_no_notification()
    {
        var (h, peer) = Established();
        peer.Sent.Clear();
        h.Time.AdvanceSeconds(91);
        h.Loop.RunPending();
        Assert.That(peer.Sent.Where(m => m[18] == (byte)MessageType.Notification), Is.Empty);
        Assert.That(peer.Protocol.GracefulRestartActive, Is.True);
        Assert.That(h.Best("10.80.0.0/16")!.IsStale, Is.True);
    }

    [Test]
    public void Disabling_the_protocol_during_the_restart_withdraws_the_stale_routes()
    {
        var (h, peer) = Established();
        ConnectionLost(h, peer);
        peer.Protocol.Disable();
        h.Loop.RunPending();
        Assert.That(h.Best("10.80.0.0/16"), Is.Null);
        Assert.That(peer.Protocol.MainChannel!.Stats.ImportedRoutes, Is.EqualTo(0));
    }

    [Test]
    public void Stale_routes_stay_exported_to_other_protocols_during_the_restart()
    {
        var h = new ProtocolHarness { Interfaces = new OneInterface("eth0", "10.99.0.0/24") };
        var kernel = new ExportRecorder(h.Loop, h.Table);
        kernel.Start();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002, Caps());
        h.Announce(peer, Path("10.99.0.2"), "10.80.0.0/16");
        kernel.Exports.Clear();

        ConnectionLost(h, peer);
        Reestablish(h, peer, Caps(restarting: true));
        h.Announce(peer, Path("10.99.0.2"), "10.80.0.0/16");
        EndOfRib(h, peer);

        Assert.That(kernel.Exports.Where(e => e.Prefix == Prefix.Parse("10.80.0.0/16") && e.New is null), Is.Empty, "never withdrawn from the kernel");
    }
}
