using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>An eBGP session with GoBGP in a network namespace: AS paths and next hops as eBGP sets them, both ways.</summary>
[Category("Interop")]
[NonParallelizable]
public class GobgpInteropTests
{
    private const string OurAddress = "10.213.9.1";
    private const string PeerAddress = "10.213.9.2";

    [Test]
    public async Task Ebgp_session_with_gobgp_exchanges_routes_with_as_paths_and_next_hop_self()
    {
        await using var rig = InteropRig.Create(OurAddress, PeerAddress, 30, "g", "bgpd-gobgp", tools: [Gobgpd, Gobgp]);
        var config = rig.PathOf("gobgpd.toml");
        await File.WriteAllTextAsync(config, GobgpToml.OneNeighbor(65001, PeerAddress, OurAddress, 64512));
        rig.StartDaemon($"{Gobgpd} -f {config} -t toml --pprof-disable");
        var bgp = rig.AddPeer("Tor_gobgp", new BgpProtocolOptions
        {
            Session = InteropRig.FastSession(64512, 65001, OurAddress, PeerAddress, BgpFamily.IPv4Unicast),
            Family = BgpFamily.IPv4Unicast,
            SourceAddress = IpAddress.Parse(OurAddress),
        });
        await rig.StartAsync(["10.254.0.0/24"], bgp);
        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => bgp.Session.State) == BgpState.Established, "session Established");
        rig.Exec($"{Gobgp} global rib add 10.253.1.0/24 -a ipv4");

        await InteropRig.Until(async () => await rig.BestAsync("10.253.1.0/24") is not null, "GoBGP's route in our table");
        var learned = (await rig.BestAsync("10.253.1.0/24"))!;
        Assert.That(learned.TryGet(EaId.BgpAsPath, out var path) ? path.AsPath.FirstAs : null, Is.EqualTo(65001));
        Assert.That(learned.Gateway, Is.EqualTo(IpAddress.Parse(PeerAddress)));

        await rig.UntilOutput($"{Gobgp} global rib -a ipv4", "10.254.0.0/24", "our route in GoBGP's RIB");
        var rib = rig.Exec($"{Gobgp} global rib -a ipv4 10.254.0.0/24");
        Assert.That(rib, Does.Contain(OurAddress), rib);
        Assert.That(rib, Does.Contain("64512"), rib);
    }
}
