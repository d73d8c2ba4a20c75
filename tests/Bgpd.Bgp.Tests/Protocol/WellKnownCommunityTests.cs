using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

/// <summary>RFC 1997's well-known communities on export, as BIRD's bgp_import_control obeys them (`interpret communities`, default on).</summary>
public class WellKnownCommunityTests
{
    private const uint ExternalAs = 65010, OtherExternalAs = 65020;

    private static List<string> Announced(Peer peer, bool internalPeer) =>
        peer.Sent.Where(m => m[18] == (byte)MessageType.Update)
            .Select(m => UpdateMessage.Decode(m[19..], new UpdateDecodeOptions(IsInternal: internalPeer)))
            .SelectMany(u =>
            {
                var list = new List<string>();
                var e = u.Announced(BgpFamily.IPv4Unicast);
                while (e.MoveNext()) list.Add(e.Current.Prefix.ToString());
                return list;
            })
            .Order(StringComparer.Ordinal).ToList();

    private static (Peer Internal, Peer External) Run(bool interpret)
    {
        var h = new ProtocolHarness { Interfaces = new OneInterface("eth0", "10.99.0.0/24") };
        var source = h.AddPeer("10.99.0.2", peerAs: ExternalAs);
        h.Establish(source, 0x0A630002);
        var ibgp = h.AddPeer("10.99.0.3", tweak: o => o with { InterpretCommunities = interpret });
        h.Establish(ibgp, 0x0A630003);
        var ebgp = h.AddPeer("10.99.0.4", peerAs: OtherExternalAs, tweak: o => o with { InterpretCommunities = interpret });
        h.Establish(ebgp, 0x0A630004);
        h.Announce(source, Path("10.99.0.2", ExternalAs), "10.1.0.0/16");
        h.Announce(source, With(Path("10.99.0.2", ExternalAs), BgpProtocol.NoExportCommunity), "10.2.0.0/16");
        h.Announce(source, With(Path("10.99.0.2", ExternalAs), BgpProtocol.NoAdvertiseCommunity), "10.3.0.0/16");
        h.Announce(source, With(Path("10.99.0.2", ExternalAs), BgpProtocol.NoExportSubconfedCommunity), "10.4.0.0/16");
        h.Announce(source, With(Path("10.99.0.2", ExternalAs), 0xFDE80001), "10.5.0.0/16");
        h.Loop.RunPending();
        return (ibgp, ebgp);
    }

    private static PathAttributes With(PathAttributes attributes, uint community)
    {
        attributes.Communities = [community];
        return attributes;
    }

    [Test]
    public void No_export_stays_inside_the_as_and_no_advertise_goes_nowhere()
    {
        var (ibgp, ebgp) = Run(interpret: true);
        Assert.Multiple(() =>
        {
            Assert.That(Announced(ibgp, internalPeer: true), Is.EqualTo(new[] { "10.1.0.0/16", "10.2.0.0/16", "10.4.0.0/16", "10.5.0.0/16" }));
            Assert.That(Announced(ebgp, internalPeer: false), Is.EqualTo(new[] { "10.1.0.0/16", "10.5.0.0/16" }));
        });
    }

    [Test]
    public void Interpret_communities_off_sends_them_everywhere()
    {
        var (ibgp, ebgp) = Run(interpret: false);
        Assert.Multiple(() =>
        {
            Assert.That(Announced(ibgp, internalPeer: true), Has.Count.EqualTo(5));
            Assert.That(Announced(ebgp, internalPeer: false), Has.Count.EqualTo(5));
        });
    }
}
