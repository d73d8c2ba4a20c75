using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>ADD-PATH transmission (RFC 7911) as BIRD 1.6 does it: every exported path, each with its path id.</summary>
public class AddPathTxTests
{
    private const string Net = "10.80.0.0/16";

    private static BgpProtocolOptions AddPaths(BgpProtocolOptions o, AddPathMode mode) => o with
    {
        Session = o.Session with { Capabilities = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], LocalAs, mode) },
    };

    private static BgpCapabilities PeerCaps(AddPathMode mode) => SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], LocalAs, mode);

    // Two route-reflector clients announce the same prefix; a third client listens.
    private static (ProtocolHarness H, Peer A, Peer B, Peer Listener) Setup(AddPathMode ours, AddPathMode listenerCaps)
    {
        var h = new ProtocolHarness { Interfaces = new OneInterface("eth0", "10.99.0.0/24") };
        var a = h.AddPeer("10.99.0.2", rrClient: true);
        h.Establish(a, 0x0A630002);
        var b = h.AddPeer("10.99.0.3", rrClient: true);
        h.Establish(b, 0x0A630003);
        var listener = h.AddPeer("10.99.0.4", rrClient: true, tweak: o => AddPaths(o, ours));
        h.Establish(listener, 0x0A630004, PeerCaps(listenerCaps));
        h.Announce(a, Path("10.99.0.2"), Net);
        h.Announce(b, Path("10.99.0.3"), Net);
        return (h, a, b, listener);
    }

    private static List<UpdateMessage> Updates(Peer peer, bool addPath) => peer.Sent.Where(m => m[18] == (byte)MessageType.Update)
        .Select(m => UpdateMessage.Decode(m[19..], new UpdateDecodeOptions(IsInternal: true, AddPathIPv4: addPath))).ToList();

    private static List<(uint PathId, string NextHop)> Announced(Peer peer, bool addPath)
    {
        var result = new List<(uint, string)>();
        foreach (var update in Updates(peer, addPath))
        {
            var e = update.Announced(BgpFamily.IPv4Unicast);
            while (e.MoveNext())
                if (e.Current.Prefix == Prefix.Parse(Net)) result.Add((e.Current.PathId, update.Attributes.NextHop.ToString()!));
        }
        return result;
    }

    private static List<uint> Withdrawn(Peer peer, bool addPath)
    {
        var result = new List<uint>();
        foreach (var update in Updates(peer, addPath))
            foreach (var gone in update.Withdrawn(BgpFamily.IPv4Unicast))
                if (gone.Prefix == Prefix.Parse(Net)) result.Add(gone.PathId);
        return result;
    }

    [Test]
    public void With_add_paths_tx_negotiated_every_path_is_sent_with_its_own_path_id()
    {
        var (h, _, _, listener) = Setup(AddPathMode.Send | AddPathMode.Receive, AddPathMode.Receive);
        var sent = Announced(listener, addPath: true);
        Assert.That(sent.Select(s => s.NextHop), Is.EquivalentTo(new[] { "10.99.0.2", "10.99.0.3" }));
        Assert.That(sent.Select(s => s.PathId).Distinct().Count(), Is.EqualTo(2));
        Assert.That(sent.Select(s => s.PathId), Has.None.EqualTo(0u));
        Assert.That(listener.Protocol.MainChannel!.Stats.ExportedRoutes, Is.EqualTo(2));
    }

    [Test]
    public void A_withdrawn_path_is_withdrawn_by_its_path_id_and_the_other_stays()
    {
        var (h, a, _, listener) = Setup(AddPathMode.Send, AddPathMode.Receive);
        var idOfA = Announced(listener, addPath: true).Single(s => s.NextHop == "10.99.0.2").PathId;
        listener.Sent.Clear();

        h.Receive(a, UpdateEncoder.Withdraw(BgpFamily.IPv4Unicast, [new NlriEntry(Prefix.Parse(Net))], new UpdateEncodeOptions()).Single());

        Assert.That(Withdrawn(listener, addPath: true), Is.EqualTo(new[] { idOfA }));
        Assert.That(Announced(listener, addPath: true), Is.Empty);
    }

    [Test]
    public void A_replaced_path_keeps_its_path_id()
    {
        var (h, a, _, listener) = Setup(AddPathMode.Send, AddPathMode.Receive);
        var idOfA = Announced(listener, addPath: true).Single(s => s.NextHop == "10.99.0.2").PathId;
        listener.Sent.Clear();

        var changed = Path("10.99.0.2");
        changed.Med = 7;
        h.Announce(a, changed, Net);

        Assert.That(Announced(listener, addPath: true), Is.EqualTo(new[] { (idOfA, "10.99.0.2") }));
        Assert.That(Withdrawn(listener, addPath: true), Is.Empty);
    }

    [Test]
    public void Without_the_peers_receive_capability_only_the_best_path_is_sent()
    {
        var (_, _, _, listener) = Setup(AddPathMode.Send | AddPathMode.Receive, AddPathMode.None);
        Assert.That(Announced(listener, addPath: false), Is.EqualTo(new[] { (0u, "10.99.0.2") }));
    }
}
