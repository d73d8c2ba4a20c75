using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>
/// `rs client` as BIRD 1.6 runs it (bgp_update_attrs): toward a route-server client BGP routes keep
/// their AS path and MED; our own routes still carry our AS. On a direct eBGP session a route whose
/// next hop is on the peer's interface keeps that next hop (third party), which is how a route server
/// on a shared LAN passes its clients' next hops on.
/// </summary>
public class RouteServerTests
{
    private static (ProtocolHarness H, Peer Source) WithSource()
    {
        var h = new ProtocolHarness { Interfaces = new OneInterface("eth0", "10.99.0.0/24") };
        var source = h.AddPeer("10.99.0.2", peerAs: 65002, tweak: o => o with { GatewayRecursive = false, Multihop = 0 });
        h.Establish(source, 0x0A630002, Caps(65002));
        return (h, source);
    }

    private static Peer Client(ProtocolHarness h, string address, uint asn, bool rsClient, int multihop = 0)
    {
        var peer = h.AddPeer(address, peerAs: asn, tweak: o => o with { GatewayRecursive = false, Multihop = multihop, RsClient = rsClient });
        h.Establish(peer, IpAddress.Parse(address).V4Value, Caps(asn));
        peer.Sent.Clear();
        return peer;
    }

    private static BgpCapabilities Caps(uint asn) => SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], asn);

    private static UpdateMessage Announced(Peer peer, string prefix)
    {
        var update = peer.SentUpdates().LastOrDefault(u => Prefixes(u).Contains(prefix));
        Assert.That(update, Is.Not.Null, $"{prefix} sent to {peer.Address}");
        return update!;
    }

    private static List<string> Prefixes(UpdateMessage update)
    {
        var list = new List<string>();
        var e = update.Announced(BgpFamily.IPv4Unicast);
        while (e.MoveNext()) list.Add(e.Current.Prefix.ToString());
        return list;
    }

    private static PathAttributes FromSource()
    {
        var attributes = Path("10.99.0.2", 65002, 65100);
        attributes.Med = 50;
        return attributes;
    }

    [Test]
    public void Route_server_client_gets_the_path_and_med_unchanged_and_the_next_hop_of_the_lan()
    {
        var (h, source) = WithSource();
        var client = Client(h, "10.99.0.3", 65003, rsClient: true);

        h.Announce(source, FromSource(), "10.80.0.0/16");
        h.Loop.RunPending();

        var sent = Announced(client, "10.80.0.0/16").Attributes;
        Assert.That(sent.AsPath!.ToString(), Is.EqualTo("65002 65100"), "no own AS prepended");
        Assert.That(sent.Med, Is.EqualTo(50u), "MED kept");
        Assert.That(sent.NextHop, Is.EqualTo(IpAddress.Parse("10.99.0.2")), "the source's next hop on the shared LAN");
        Assert.That(sent.LocalPref, Is.Null);
    }

    [Test]
    public void Plain_external_peer_on_the_same_lan_gets_our_as_a_zero_med_and_the_third_party_next_hop()
    {
        var (h, source) = WithSource();
        var peer = Client(h, "10.99.0.4", 65004, rsClient: false);

        h.Announce(source, FromSource(), "10.80.0.0/16");
        h.Loop.RunPending();

        var sent = Announced(peer, "10.80.0.0/16").Attributes;
        Assert.That(sent.AsPath!.ToString(), Is.EqualTo("64512 65002 65100"));
        // BIRD 1.6's bgp_update_attrs zeroes the MED towards another AS (its peer receives MED 0:
        // tests/Bgpd.Tests/EndToEnd/ExportAttributesSideBySideTests.cs).
        Assert.That(sent.Med, Is.EqualTo(0));
        Assert.That(sent.NextHop, Is.EqualTo(IpAddress.Parse("10.99.0.2")), "BIRD 1.6 keeps a next hop on the peer's interface");
    }

    [Test]
    public void Multihop_route_server_client_gets_our_address_as_next_hop()
    {
        var (h, source) = WithSource();
        var client = Client(h, "10.99.5.3", 65005, rsClient: true, multihop: 2);

        h.Announce(source, FromSource(), "10.80.0.0/16");
        h.Loop.RunPending();

        var sent = Announced(client, "10.80.0.0/16").Attributes;
        Assert.That(sent.AsPath!.ToString(), Is.EqualTo("65002 65100"));
        Assert.That(sent.NextHop, Is.EqualTo(IpAddress.Parse("10.99.0.1")), "no neighbor interface on a multihop session: next hop self");
    }

    [Test]
    public void Our_own_routes_to_a_route_server_client_carry_our_as()
    {
        var (h, _) = WithSource();
        var client = Client(h, "10.99.0.3", 65003, rsClient: true);

        h.Origin.Announce("10.70.0.0/16");
        h.Loop.RunPending();

        var sent = Announced(client, "10.70.0.0/16").Attributes;
        Assert.That(sent.AsPath!.ToString(), Is.EqualTo("64512"));
        Assert.That(sent.NextHop, Is.EqualTo(IpAddress.Parse("10.99.0.1")));
    }

    [Test]
    public void Route_server_session_shows_route_server()
    {
        var (h, _) = WithSource();
        var client = Client(h, "10.99.0.3", 65003, rsClient: true);
        var lines = new List<string>();
        client.Protocol.AppendDetails(lines);
        Assert.That(lines, Does.Contain("    Session:          external route-server AS4"));
    }
}
