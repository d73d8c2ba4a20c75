using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// bgpd as route reflector (`rr client`, `rr cluster id`) for two clients, each in its own namespace:
/// BIRD 1.6.8 and GoBGP. What one client announces reaches the other with its original next hop,
/// ORIGINATOR_ID set to the announcing client and our cluster id in CLUSTER_LIST, as each daemon's own
/// CLI shows; BIRD resolves GoBGP's next hop recursively through us, as a compute node would.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class RouteReflectorInteropTests
{
    private const string OurAddress = "10.213.12.1";
    private const string BirdAddress = "10.213.12.2";
    private const string OurGobgpSideAddress = "10.213.13.1";
    private const string GobgpAddress = "10.213.13.2";
    private const string ClusterId = "10.213.12.100";

    [Test]
    public async Task Routes_from_one_client_are_reflected_to_the_other_with_next_hop_originator_and_cluster_list()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 30, "r", "bgpd-rr", tools: [Bird, Birdc, Gobgpd, Gobgp]);
        var gobgpLab = rig.AddLab(OurGobgpSideAddress, GobgpAddress, 30, "s");
        var socket = rig.PathOf("bird.ctl");
        await File.WriteAllTextAsync(rig.PathOf("bird.conf"), $$"""
            router id {{BirdAddress}};
            log "{{rig.PathOf("bird.log")}}" all;
            protocol device { scan time 10; }
            protocol static {
              route 10.250.12.0/24 blackhole;
              route 10.213.13.0/30 via {{OurAddress}};  # GoBGP's link, through the reflector's host
            }
            protocol bgp Rr_bgpd {
              local as 64512;
              neighbor {{OurAddress}} as 64512;
              source address {{BirdAddress}};
              multihop;
              gateway recursive;
              import all;
              export all;
              connect delay time 1;
              connect retry time 3;
              error wait time 1,5;
            }
            """);
        await File.WriteAllTextAsync(rig.PathOf("gobgpd.toml"), GobgpToml.OneNeighbor(64512, GobgpAddress, OurGobgpSideAddress, 64512));
        rig.StartDaemon($"{Bird} -f -c {rig.PathOf("bird.conf")} -s {socket}");
        rig.StartDaemon($"{Gobgpd} -f {rig.PathOf("gobgpd.toml")} -t toml --pprof-disable", gobgpLab);
        var toBird = rig.AddPeer("Client_bird", ClientOptions(OurAddress, BirdAddress));
        var toGobgp = rig.AddPeer("Client_gobgp", ClientOptions(OurGobgpSideAddress, GobgpAddress));
        await rig.StartAsync([], toBird, toGobgp);
        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => toGobgp.Session.State) == BgpState.Established,
            "session with GoBGP Established", () => rig.Exec($"{Gobgp} neighbor", gobgpLab));
        rig.Exec($"{Gobgp} global rib add 10.253.12.0/24 nexthop {GobgpAddress} -a ipv4", gobgpLab);

        // Our side: each client's route is in our table with the client's own next hop.
        await InteropRig.Until(async () => await rig.BestAsync("10.250.12.0/24") is not null, "BIRD's route in our table", () => rig.ReadOrNote("bird.log"));
        await InteropRig.Until(async () => await rig.BestAsync("10.253.12.0/24") is not null, "GoBGP's route in our table");
        Assert.That((await rig.BestAsync("10.250.12.0/24"))!.Gateway, Is.EqualTo(IpAddress.Parse(BirdAddress)));
        Assert.That((await rig.BestAsync("10.253.12.0/24"))!.Gateway, Is.EqualTo(IpAddress.Parse(GobgpAddress)));

        // BIRD's side: GoBGP's route, reflected.
        var birdView = await rig.UntilOutput($"{Birdc} -s {socket} show route all 10.253.12.0/24", "BGP.cluster_list", "GoBGP's route reflected to BIRD",
            () => rig.Exec($"{Birdc} -s {socket} show protocols all Rr_bgpd"));
        Assert.That(birdView, Does.Contain($"via {OurAddress} on {rig.Lab.NsIf}"), birdView); // resolved through its route to GoBGP's link
        Assert.That(birdView, Does.Contain($"BGP.next_hop: {GobgpAddress}"), birdView);
        Assert.That(birdView, Does.Contain($"BGP.originator_id: {GobgpAddress}"), birdView);
        Assert.That(birdView, Does.Contain($"BGP.cluster_list: {ClusterId}"), birdView);
        Assert.That(birdView, Does.Match(@"BGP\.as_path: *\n"), birdView); // a reflector adds no AS

        // GoBGP's side: BIRD's route, reflected.
        var gobgpView = await rig.UntilOutput($"{Gobgp} global rib -a ipv4 10.250.12.0/24", "10.250.12.0/24", "BIRD's route reflected to GoBGP", lab: gobgpLab);
        Assert.That(gobgpView, Does.Match(@"10\.250\.12\.0/24\s+10\.213\.12\.2\s"), gobgpView); // next hop column
        Assert.That(gobgpView, Does.Contain($"{{Originator: {BirdAddress}}}"), gobgpView);
        Assert.That(gobgpView, Does.Contain($"{{ClusterList: [{ClusterId}]}}"), gobgpView);
    }

    private static BgpProtocolOptions ClientOptions(string sourceAddress, string clientAddress) => new()
    {
        Session = InteropRig.FastSession(64512, 64512, OurAddress, clientAddress, BgpFamily.IPv4Unicast),
        Family = BgpFamily.IPv4Unicast,
        SourceAddress = IpAddress.Parse(sourceAddress),
        RrClient = true,
        RrClusterId = IpAddress.Parse(ClusterId).V4Value,
    };
}
