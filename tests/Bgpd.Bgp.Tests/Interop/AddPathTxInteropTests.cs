using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using System.Text.RegularExpressions;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// bgpd as route reflector with `add paths tx` toward a BIRD 1.6.8 client (`add paths rx`): a prefix
/// with two paths (GoBGP's, reflected, and our own) reaches BIRD as two routes, each with its next
/// hop; withdrawing one path leaves BIRD with the other.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class AddPathTxInteropTests
{
    private const string OurAddress = "10.213.18.1";
    private const string BirdAddress = "10.213.18.2";
    private const string OurGobgpSideAddress = "10.213.19.1";
    private const string GobgpAddress = "10.213.19.2";
    private const string Net = "10.253.16.0/24";

    [Test]
    public async Task Bird_1_6_receives_every_path_of_a_prefix_and_loses_only_the_withdrawn_one()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 30, "t", "bgpd-addpath", tools: [Bird, Birdc, Gobgpd, Gobgp]);
        var gobgpLab = rig.AddLab(OurGobgpSideAddress, GobgpAddress, 30, "u");
        var socket = rig.PathOf("bird.ctl");
        await File.WriteAllTextAsync(rig.PathOf("bird.conf"), $$"""
            router id {{BirdAddress}};
            log "{{rig.PathOf("bird.log")}}" all;
            protocol device { scan time 10; }
            protocol static {
              route 10.213.19.0/30 via {{OurAddress}};  # GoBGP's link, through the reflector's host
            }
            protocol bgp Rr_bgpd {
              local as 64512;
              neighbor {{OurAddress}} as 64512;
              source address {{BirdAddress}};
              multihop;
              gateway recursive;
              add paths rx;
              import all;
              export none;
              connect delay time 1;
              connect retry time 3;
              error wait time 1,5;
            }
            """);
        await File.WriteAllTextAsync(rig.PathOf("gobgpd.toml"), GobgpToml.OneNeighbor(64512, GobgpAddress, OurGobgpSideAddress, 64512));
        rig.StartDaemon($"{Bird} -f -c {rig.PathOf("bird.conf")} -s {socket}");
        rig.StartDaemon($"{Gobgpd} -f {rig.PathOf("gobgpd.toml")} -t toml --pprof-disable", gobgpLab);
        var toBird = rig.AddPeer("Client_bird", ClientOptions(OurAddress, BirdAddress, AddPathMode.Send | AddPathMode.Receive));
        var toGobgp = rig.AddPeer("Client_gobgp", ClientOptions(OurGobgpSideAddress, GobgpAddress, AddPathMode.None));
        await rig.StartAsync([Net], toBird, toGobgp);
        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => toGobgp.Session.State) == BgpState.Established,
            "session with GoBGP Established", () => rig.Exec($"{Gobgp} neighbor", gobgpLab));
        rig.Exec($"{Gobgp} global rib add {Net} nexthop {GobgpAddress} -a ipv4", gobgpLab);

        string Show() => rig.Exec($"{Birdc} -s {socket} show route all {Net}");
        int Paths(string shown) => Regex.Matches(shown, @"\[Rr_bgpd ").Count;
        await InteropRig.Until(() => Task.FromResult(Paths(Show()) == 2), "two paths of the prefix at BIRD",
            () => Show() + rig.Exec($"{Birdc} -s {socket} show protocols all Rr_bgpd"));
        var shown = Show();
        Assert.That(shown, Does.Contain($"BGP.next_hop: {GobgpAddress}"), shown);
        Assert.That(shown, Does.Contain($"BGP.next_hop: {OurAddress}"), shown);
        var protocols = rig.Exec($"{Birdc} -s {socket} show protocols all Rr_bgpd");
        Assert.That(protocols, Does.Contain("add-path-rx"), protocols);

        // GoBGP withdraws its path: BIRD keeps ours only.
        rig.Exec($"{Gobgp} global rib del {Net} -a ipv4", gobgpLab);
        await InteropRig.Until(() => Task.FromResult(Paths(Show()) == 1), "one path left at BIRD", Show);
        shown = Show();
        Assert.That(shown, Does.Contain($"BGP.next_hop: {OurAddress}"), shown);
        Assert.That(shown, Does.Not.Contain($"BGP.next_hop: {GobgpAddress}"), shown);
    }

    private static BgpProtocolOptions ClientOptions(string sourceAddress, string clientAddress, AddPathMode addPath) => new()
    {
        Session = InteropRig.FastSession(64512, 64512, OurAddress, clientAddress, BgpFamily.IPv4Unicast, addPath),
        Family = BgpFamily.IPv4Unicast,
        SourceAddress = IpAddress.Parse(sourceAddress),
        RrClient = true,
        Multihop = 64,
        GatewayRecursive = true,
    };
}
