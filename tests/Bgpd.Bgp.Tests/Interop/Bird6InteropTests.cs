using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Tables;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>IPv6 over MP-BGP with Debian's bird6 1.6.8, as Calico runs bird6 beside bird.</summary>
[Category("Interop")]
[NonParallelizable]
public class Bird6InteropTests
{
    private const string OurAddress = "fd00:213:a::1";
    private const string BirdAddress = "fd00:213:a::2";

    [Test]
    public async Task Ipv6_session_with_bird6_exchanges_routes_over_mp_bgp()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 64, "6", "bgpd-bird6", TableFamily.Ipv6, Bird6, Birdc6);
        var socket = rig.PathOf("bird6.ctl");
        var config = rig.PathOf("bird6.conf");
        await File.WriteAllTextAsync(config, $$"""
            router id 10.213.10.2;
            log "{{rig.Dir}}/bird6.log" all;
            protocol device { scan time 10; }
            protocol static { route fd00:250:1::/64 unreachable; }
            protocol bgp Mesh_bgpd {
              local as 64512;
              neighbor {{OurAddress}} as 64512;
              source address {{BirdAddress}};
              multihop;
              gateway recursive;
              import all;
              export all;
              add paths on;
              connect delay time 1;
              connect retry time 3;
              error wait time 1,5;
            }
            """);
        rig.StartDaemon($"{Bird6} -f -c {config} -s {socket}");
        var bgp = rig.AddPeer("Mesh_bird6", new BgpProtocolOptions
        {
            Session = InteropRig.FastSession(64512, 64512, "10.213.10.1", BirdAddress, BgpFamily.IPv6Unicast, AddPathMode.Both),
            Family = BgpFamily.IPv6Unicast,
            SourceAddress = IpAddress.Parse(OurAddress),
            Multihop = 64,
            GatewayRecursive = true,
        });
        await rig.StartAsync(["fd00:251::/64"], bgp);
        await InteropRig.Until(async () => await rig.BestAsync("fd00:250:1::/64") is not null,
            "bird6's route in our table", () => rig.ReadOrNote("bird6.log"));
        var learned = (await rig.BestAsync("fd00:250:1::/64"))!;
        Assert.That(learned.Gateway, Is.EqualTo(IpAddress.Parse(BirdAddress)));

        await rig.UntilOutput($"{Birdc6} -s {socket} show route all protocol Mesh_bgpd", "fd00:251::/64",
            "our route in bird6's table", () => rig.Exec($"{Birdc6} -s {socket} show protocols all Mesh_bgpd"));
        var shown = rig.Exec($"{Birdc6} -s {socket} show route all protocol Mesh_bgpd");
        Assert.That(shown, Does.Contain($"BGP.next_hop: {OurAddress}"), shown);
    }
}
