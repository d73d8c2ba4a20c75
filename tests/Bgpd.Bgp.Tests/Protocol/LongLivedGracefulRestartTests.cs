using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>Long-lived graceful restart (RFC 9494) of the peer, receiving side, under a fake clock.</summary>
public class LongLivedGracefulRestartTests
{
    private const ushort RestartTime = 30;
    private const uint StaleTime = 600;

    private static BgpCapabilities Caps(bool gr = true, bool llgr = true, bool forwarding = true, uint asn = LocalAs)
    {
        var caps = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], asn);
        caps.GracefulRestart = new GracefulRestartCapability(false, false, RestartTime, gr ? [new GracefulRestartFamily(BgpFamily.IPv4Unicast, forwarding)] : []);
        caps.LongLivedGracefulRestart = llgr ? [new LongLivedGracefulRestartFamily(BgpFamily.IPv4Unicast, forwarding, StaleTime)] : null;
        return caps;
    }

    private static (ProtocolHarness H, Peer Peer) Established(BgpCapabilities caps)
    {
        var h = new ProtocolHarness { Interfaces = new OneInterface("eth0", "10.99.0.0/24") };
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002, caps);
        h.Announce(peer, Path("10.99.0.2"), "10.80.0.0/16");
        var noLlgr = Path("10.99.0.2");
        noLlgr.Communities = [BgpProtocol.NoLlgrCommunity];
        h.Announce(peer, noLlgr, "10.82.0.0/16");
        return (h, peer);
    }

    private static void ConnectionLost(ProtocolHarness h, Peer peer)
    {
        peer.Protocol.Inject(new SessionEvent.TcpClosed(ConnectionSide.Incoming, null));
        h.Loop.RunPending();
    }

    private static void Advance(ProtocolHarness h, double seconds)
    {
        h.Time.AdvanceSeconds(seconds);
        h.Loop.RunPending();
    }

    private static bool Tagged(ProtocolHarness h, string prefix) =>
        h.Best(prefix)!.Attributes.TryGet(EaId.BgpCommunity, out var c) && c.AsIntSet.Contains(BgpProtocol.LlgrStaleCommunity);

    [Test]
    public void After_the_restart_timer_routes_become_llgr_stale_and_no_llgr_routes_go()
    {
        var (h, peer) = Established(Caps());
        ConnectionLost(h, peer);
        Advance(h, RestartTime);

        Assert.That(peer.Protocol.LongLivedStaleActive, Is.True);
        Assert.That(Tagged(h, "10.80.0.0/16"), Is.True);
        Assert.That(h.Best("10.82.0.0/16"), Is.Null, "NO_LLGR");
        var lines = new List<string>();
        peer.Protocol.AppendDetails(lines);
        Assert.That(lines, Does.Contain("    LL stale timer:   600/-"));

        Advance(h, StaleTime - 1);
        Assert.That(h.Best("10.80.0.0/16"), Is.Not.Null);
        Advance(h, 1);
        Assert.That(h.Best("10.80.0.0/16"), Is.Null);
        Assert.That(peer.Protocol.GracefulRestartActive, Is.False);
    }

    [Test]
    public void A_peer_with_llgr_but_no_gr_goes_long_lived_stale_at_once()
    {
        var (h, peer) = Established(Caps(gr: false));
        ConnectionLost(h, peer);
        Advance(h, 0);
        Assert.That(peer.Protocol.LongLivedStaleActive, Is.True);
        Assert.That(Tagged(h, "10.80.0.0/16"), Is.True);
    }

    [Test]
    public void Without_llgr_the_restart_timer_flushes_as_before()
    {
        var (h, peer) = Established(Caps(llgr: false));
        ConnectionLost(h, peer);
        Advance(h, RestartTime);
        Assert.That(h.Best("10.80.0.0/16"), Is.Null);
    }

    [Test]
    public void Llgr_stale_route_loses_to_any_other_and_is_withdrawn_from_peers_without_llgr()
    {
        var (h, peer) = Established(Caps());
        var other = h.AddPeer("10.99.0.3", peerAs: 65003);
        h.Establish(other, 0x0A630003, Caps(gr: false, llgr: false, asn: 65003));
        var plain = h.AddPeer("10.99.0.4", peerAs: 65004);
        h.Establish(plain, 0x0A630004, Caps(gr: false, llgr: false, asn: 65004));
        var worse = Path("10.99.0.3", 65003, 65100, 65101);
        h.Announce(other, worse, "10.80.0.0/16");
        Assert.That(h.Best("10.80.0.0/16")!.Attributes.From, Is.EqualTo(IpAddress.Parse("10.99.0.2")), "the shorter path wins while fresh");

        ConnectionLost(h, peer);
        Advance(h, RestartTime);

        Assert.That(h.Best("10.80.0.0/16")!.Attributes.From, Is.EqualTo(IpAddress.Parse("10.99.0.3")));
        plain.Sent.Clear();
        h.Receive(other, UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, [new NlriEntry(Prefix.Parse("10.80.0.0/16"))], new UpdateEncodeOptions()).Single());
        Assert.That(h.Best("10.80.0.0/16")!.Attributes.From, Is.EqualTo(IpAddress.Parse("10.99.0.2")), "the stale route is all that is left");
        var toPlain = new List<Prefix>();
        foreach (var update in plain.SentUpdates())
            foreach (var gone in update.Withdrawn(BgpFamily.IPv4Unicast)) toPlain.Add(gone.Prefix);
        Assert.That(toPlain, Does.Contain(Prefix.Parse("10.80.0.0/16")), "not sent to a peer without LLGR");
        Assert.That(plain.SentUpdates().Any(u => HasAnnounced(u, "10.80.0.0/16")), Is.False);
    }

    [Test]
    public void End_of_rib_on_the_new_session_ends_long_lived_stale()
    {
        var (h, peer) = Established(Caps());
        ConnectionLost(h, peer);
        Advance(h, RestartTime);
        peer.Protocol.Session.Reconfigure(peer.Protocol.Session.Options with { ConnectDelayTime = 0 });
        h.Establish(peer, 0x0A630002, Caps());
        h.Announce(peer, Path("10.99.0.2"), "10.80.0.0/16");
        h.Receive(peer, UpdateEncoder.EndOfRib(BgpFamily.IPv4Unicast));

        Assert.That(peer.Protocol.LongLivedStaleActive, Is.False);
        Assert.That(Tagged(h, "10.80.0.0/16"), Is.False);
        Assert.That(h.Best("10.80.0.0/16")!.IsStale, Is.False);
    }

    private static bool HasAnnounced(UpdateMessage update, string prefix)
    {
        var e = update.Announced(BgpFamily.IPv4Unicast);
        while (e.MoveNext())
            if (e.Current.Prefix == Prefix.Parse(prefix)) return true;
        return false;
    }
}
