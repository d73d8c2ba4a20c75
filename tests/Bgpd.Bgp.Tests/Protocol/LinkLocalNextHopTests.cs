using Bgpd.Bgp.Wire;
using Bgpd.Net;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>IPv6 next hops on a direct (bird6-style eBGP) session: global, link-local, both; and ours.</summary>
public class LinkLocalNextHopTests
{
    private const string Iface = "bgpdtest0"; // not a real interface: the tests never read the host's addresses

    private static (ProtocolHarness H, Peer Peer) Direct(string peerAddress = "fe80::2")
    {
        var h = new ProtocolHarness(ipv6: true) { Interfaces = new OneInterface(Iface, "fd00:99::/64") };
        var peer = h.AddPeer(peerAddress, peerAs: 65001, tweak: o => o with { GatewayRecursive = false, Multihop = 0, Interface = Iface });
        h.Establish(peer, 0x0A630002);
        return (h, peer);
    }

    private static PathAttributes Attributes() => new() { Origin = Origin.Igp, AsPath = Bgpd.Bgp.Wire.AsPath.Sequence([65001]) };

    private static (string Gateway, string? Interface) Hop(ProtocolHarness h, string prefix)
    {
        var hop = h.Best(prefix)!.Attributes.NextHops.Single();
        return (hop.Gateway.ToString(), hop.InterfaceName);
    }

    [Test]
    public void Global_next_hop_on_the_connected_network_is_the_gateway_even_with_a_link_local_one()
    {
        var (h, peer) = Direct();
        h.Announce6(peer, Attributes(), "fd00:99::2", "fe80::2", "fd00:70::/64");
        Assert.That(Hop(h, "fd00:70::/64"), Is.EqualTo(("fd00:99::2", (string?)Iface)));
    }

    [Test]
    public void Zero_global_next_hop_uses_the_link_local_one_on_the_sessions_interface()
    {
        var (h, peer) = Direct();
        h.Announce6(peer, Attributes(), "::", "fe80::2", "fd00:71::/64");
        Assert.That(Hop(h, "fd00:71::/64"), Is.EqualTo(("fe80::2", (string?)Iface)));
    }

    [Test]
    public void Link_local_only_next_hop_is_the_gateway_on_the_sessions_interface()
    {
        var (h, peer) = Direct();
        h.Announce6(peer, Attributes(), "fe80::2", null, "fd00:72::/64");
        Assert.That(Hop(h, "fd00:72::/64"), Is.EqualTo(("fe80::2", (string?)Iface)));
    }

    [Test]
    public void Off_link_global_next_hop_without_a_link_local_one_is_refused()
    {
        var (h, peer) = Direct();
        h.Announce6(peer, Attributes(), "fd00:aa::9", null, "fd00:73::/64");
        Assert.That(h.Best("fd00:73::/64"), Is.Null);
    }

    [Test]
    public void Our_next_hop_on_a_link_local_session_carries_our_link_local_address()
    {
        var (h, peer) = Direct();
        h.Origin.Announce("fd00:251::/64");
        h.Loop.RunPending();
        var update = peer.SentUpdates().Single(u => !u.IsEndOfRib(out _));
        Assert.That((update.MpReach!.NextHop, update.MpReach.LinkLocalNextHop), Is.EqualTo((IpAddress.Parse("fe80::1"), (IpAddress?)IpAddress.Parse("fe80::1"))));
    }

    [Test]
    public void Multihop_sessions_announce_only_a_global_next_hop()
    {
        var h = new ProtocolHarness(ipv6: true);
        var peer = h.AddPeer("fd00:99::2");
        peer.Protocol.LocalAddress = IpAddress.Parse("fd00:99::1");
        h.Establish(peer, 0x0A630002);
        h.Origin.Announce("fd00:251::/64");
        h.Loop.RunPending();
        var update = peer.SentUpdates().Single(u => !u.IsEndOfRib(out _));
        Assert.That((update.MpReach!.NextHop, update.MpReach.LinkLocalNextHop), Is.EqualTo((IpAddress.Parse("fd00:99::1"), (IpAddress?)null)));
    }
}
