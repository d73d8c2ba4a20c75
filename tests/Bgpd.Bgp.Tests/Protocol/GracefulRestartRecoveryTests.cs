using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Config.Model;
using Bgpd.Net;
using Bgpd.Rib.Protocols;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>Our own graceful restart (`bgpd -R`): the OPEN's flags, the daemon's lock, exports held for a helping peer.</summary>
public class GracefulRestartRecoveryTests
{
    private static BgpConfig Config(GracefulRestartMode mode) => new()
    {
        Name = "Mesh_10_99_0_2",
        LocalAs = LocalAs,
        NeighborAs = LocalAs,
        NeighborAddress = IpAddress.Parse("10.99.0.2"),
        Multihop = 64,
        Gateway = GatewayMode.Recursive,
        GracefulRestart = mode,
    };

    [TestCase(GracefulRestartMode.On, true, true, true)]
    [TestCase(GracefulRestartMode.Aware, true, true, false)]
    [TestCase(GracefulRestartMode.On, false, false, false)]
    public void Restart_and_forwarding_flags_follow_the_recovery_flag_and_mode(GracefulRestartMode mode, bool recovery, bool restarting, bool forwarding)
    {
        var gr = BgpProtocolOptions.FromConfig(Config(mode), 1, ipv6: false, recovery).Session.Capabilities.GracefulRestart!;
        Assert.That(gr.Restarting, Is.EqualTo(restarting));
        Assert.That(gr.Families.Any(f => f.ForwardingPreserved), Is.EqualTo(forwarding));
    }

    [TestCase(GracefulRestartMode.On, true, true)]
    [TestCase(GracefulRestartMode.Off, true, true)]
    [TestCase(GracefulRestartMode.On, false, false)]
    public void Long_lived_forwarding_bit_is_set_on_restart_as_bird2_does(GracefulRestartMode grMode, bool recovery, bool forwarding)
    {
        var config = Config(grMode) with { LongLivedGracefulRestart = GracefulRestartMode.On, LongLivedStaleTime = 600 };
        var llgr = BgpProtocolOptions.FromConfig(config, 1, ipv6: false, recovery).Session.Capabilities.LongLivedGracefulRestart!;
        Assert.That(llgr, Is.EqualTo(new[] { new LongLivedGracefulRestartFamily(BgpFamily.IPv4Unicast, forwarding, 600) }));
    }

    [Test]
    public void End_of_recovery_clears_the_long_lived_forwarding_bit_in_later_opens()
    {
        var h = new ProtocolHarness();
        var config = Config(GracefulRestartMode.On) with { LongLivedGracefulRestart = GracefulRestartMode.On };
        var peer = h.AddPeer("10.99.0.2", tweak: o => o with
        {
            Session = BgpProtocolOptions.FromConfig(config, RouterId, ipv6: false, recovery: true).Session with { Passive = true },
            GracefulRestartRecovery = true,
            GracefulRestartAble = true,
        });
        h.Establish(peer, 0x0A630002, Helper());
        var first = OpenMessage.Decode(peer.Sent.First(m => m[18] == (byte)MessageType.Open)[19..], out _)!;
        Assert.That(first.Capabilities.LongLivedGracefulRestart!.Single().ForwardingPreserved, Is.True, "F bit in the OPEN of the restart");

        peer.Protocol.EndGracefulRestartRecovery();
        peer.Protocol.Restart();
        h.Loop.RunPending();
        peer.Sent.Clear();
        h.Establish(peer, 0x0A630002, Helper());

        var later = OpenMessage.Decode(peer.Sent.First(m => m[18] == (byte)MessageType.Open)[19..], out _)!;
        Assert.That(later.Capabilities.LongLivedGracefulRestart!.Single().ForwardingPreserved, Is.False);
        Assert.That(later.Capabilities.GracefulRestart!.Restarting, Is.False);
        Assert.That(peer.Protocol.HoldsGracefulRestartLock, Is.False, "a start after the recovery is an ordinary start");
        Assert.That(peer.Protocol.StateName, Is.EqualTo("up"), "exports are not held again");
    }

    [Test]
    public void Graceful_restart_off_never_recovers()
    {
        var options = BgpProtocolOptions.FromConfig(Config(GracefulRestartMode.Off), 1, ipv6: false, recovery: true);
        Assert.That((options.Session.Capabilities.GracefulRestart, options.GracefulRestartRecovery), Is.EqualTo(((GracefulRestartCapability?)null, false)));
    }

    private static BgpProtocolOptions Recovering(BgpProtocolOptions o, bool able)
    {
        var caps = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], LocalAs);
        caps.GracefulRestart = new GracefulRestartCapability(true, false, 120, able ? [new GracefulRestartFamily(BgpFamily.IPv4Unicast, true)] : []);
        return o with { Session = o.Session with { Capabilities = caps }, GracefulRestartRecovery = true, GracefulRestartAble = able };
    }

    private static BgpCapabilities Helper(bool restarting = false)
    {
        var caps = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], LocalAs);
        caps.GracefulRestart = new GracefulRestartCapability(restarting, false, 120, [new GracefulRestartFamily(BgpFamily.IPv4Unicast, restarting)]);
        return caps;
    }

    private static List<MessageType> SentTypes(Peer peer) => peer.Sent.Select(m => (MessageType)m[18]).ToList();

    [Test]
    public void Recovering_protocol_holds_the_lock_until_the_peers_end_of_rib()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2", tweak: o => Recovering(o, able: false));
        var unlocked = 0;
        peer.Protocol.GracefulRestartUnlocked += () => unlocked++;
        Assert.That(peer.Protocol.HoldsGracefulRestartLock, Is.True);
        h.Establish(peer, 0x0A630002, Helper());
        var open = OpenMessage.Decode(peer.Sent.First(m => m[18] == (byte)MessageType.Open)[19..], out _)!;
        Assert.That(open.Capabilities.GracefulRestart!.Restarting, Is.True, "R flag in our OPEN");
        Assert.That(peer.Protocol.HoldsGracefulRestartLock, Is.True);

        h.Receive(peer, UpdateEncoder.EndOfRib(BgpFamily.IPv4Unicast));

        Assert.That((peer.Protocol.HoldsGracefulRestartLock, unlocked), Is.EqualTo((false, 1)));
    }

    [Test]
    public void A_peer_that_is_restarting_itself_releases_the_lock_at_once()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2", tweak: o => Recovering(o, able: true));
        h.Establish(peer, 0x0A630002, Helper(restarting: true));
        Assert.That(peer.Protocol.HoldsGracefulRestartLock, Is.False);
        Assert.That(SentTypes(peer), Does.Contain(MessageType.Update), "nothing held for a peer that cannot help");
    }

    [Test]
    public void With_graceful_restart_on_exports_wait_for_the_end_of_recovery_then_go_with_end_of_rib()
    {
        var h = new ProtocolHarness();
        h.Origin.Announce("10.70.0.0/16");
        h.Loop.RunPending();
        var peer = h.AddPeer("10.99.0.2", tweak: o => Recovering(o, able: true));
        h.Establish(peer, 0x0A630002, Helper());
        Assert.That(SentTypes(peer), Does.Not.Contain(MessageType.Update));
        Assert.That(peer.Protocol.StateName, Is.EqualTo("wait"));

        peer.Protocol.EndGracefulRestartRecovery();
        h.Loop.RunPending();

        var updates = peer.SentUpdates();
        Assert.That(updates.SelectMany(u => Enumerate(u)).Select(p => p.ToString()), Does.Contain("10.70.0.0/16"));
        Assert.That(updates.Last().IsEndOfRib(out _), Is.True);
        Assert.That(peer.Protocol.StateName, Is.EqualTo("up"));
        Assert.That(peer.Protocol.Session.Options.Capabilities.GracefulRestart!.Restarting, Is.False, "later OPENs carry no restart flag");
    }

    [Test]
    public void Stopping_the_protocol_releases_the_lock()
    {
        var h = new ProtocolHarness();
        var peer = h.AddPeer("10.99.0.2", tweak: o => Recovering(o, able: true));
        peer.Protocol.Disable();
        h.Loop.RunPending();
        Assert.That(peer.Protocol.HoldsGracefulRestartLock, Is.False);
        Assert.That(peer.Protocol.State, Is.EqualTo(ProtocolState.Down));
    }

    private static List<Prefix> Enumerate(UpdateMessage update)
    {
        var list = new List<Prefix>();
        var e = update.Announced(BgpFamily.IPv4Unicast);
        while (e.MoveNext()) list.Add(e.Current.Prefix);
        return list;
    }
}
