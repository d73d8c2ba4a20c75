using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// An iBGP session (Calico mesh style: add paths, graceful restart) with Debian's BIRD 1.6.8 running
/// in a network namespace: the session reaches Established and routes flow both ways.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class BirdInteropTests
{
    private const string Birdcl = "/usr/sbin/birdc";
    private const string OurAddress = "10.213.7.1";
    private const string BirdAddress = "10.213.7.2";

    [Test]
    public async Task Session_with_bird_1_6_reaches_established_and_exchanges_routes()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 30, "", "bgpd-bird-interop", tools: [Bird, Birdcl]);
        var socket = rig.PathOf("bird.ctl");
        var config = rig.PathOf("bird.conf");
        await File.WriteAllTextAsync(config, $$"""
            router id {{BirdAddress}};
            log "{{rig.Dir}}/bird.log" all;
            protocol device { scan time 10; }
            protocol static { route 10.250.1.0/24 blackhole; route 10.250.2.0/24 blackhole; }
            protocol bgp Mesh_bgpd {
              local as 64512;
              neighbor {{OurAddress}} as 64512;
              source address {{BirdAddress}};
              multihop;
              gateway recursive;
              import all;
              export all;
              add paths on;
              graceful restart;
              connect delay time 1;
              connect retry time 3;
              error wait time 1,5;
            }
            """);
        rig.StartDaemon($"{Bird} -f -c {config} -s {socket}");
        var bgp = rig.AddPeer("Mesh_bird", new BgpProtocolOptions
        {
            Session = InteropRig.FastSession(64512, 64512, OurAddress, BirdAddress, BgpFamily.IPv4Unicast, AddPathMode.Both),
            Family = BgpFamily.IPv4Unicast,
            SourceAddress = IpAddress.Parse(OurAddress),
            Multihop = 64,
            GatewayRecursive = true,
        });
        await rig.StartAsync(["10.251.0.0/24"], bgp);

        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => bgp.Session.State) == BgpState.Established, "session Established", () => rig.ReadOrNote("bird.log"));
        await InteropRig.Until(async () => await rig.BestAsync("10.250.2.0/24") is not null, "BIRD's static routes in our table");
        var learned = (await rig.BestAsync("10.250.1.0/24"))!;
        Assert.That(learned.Gateway, Is.EqualTo(IpAddress.Parse(BirdAddress)));
        Assert.That(learned.TryGet(EaId.BgpLocalPref, out var localPref) && localPref.AsInt == 100, Is.True);

        await rig.UntilOutput($"{Birdcl} -s {socket} show route protocol Mesh_bgpd", "10.251.0.0/24", "our route in BIRD's table");
        var birdView = rig.Exec($"{Birdcl} -s {socket} show protocols all Mesh_bgpd");
        Assert.That(birdView, Does.Contain("BGP state:          Established"));
        Assert.That(birdView, Does.Contain("add-path-rx add-path-tx"));
        var details = new List<string>();
        await rig.Loop.InvokeAsync(() => bgp.AppendDetails(details));
        Assert.That(details, Has.Some.EqualTo("  BGP state:          Established"));
        Assert.That(details, Has.Some.EqualTo($"    Neighbor ID:      {BirdAddress}"));
        Assert.That(details, Has.Some.EqualTo("    Session:          internal multihop AS4 add-path-rx add-path-tx"));

        await rig.Loop.InvokeAsync(() => bgp.Stop());
        // BIRD's `show protocols` soon moves on to its next connect attempt; its log keeps the NOTIFICATION.
        await InteropRig.Until(() => Task.FromResult(rig.ReadOrNote("bird.log").Contains("Mesh_bgpd: Received: Administrative shutdown")),
            "BIRD logged our administrative shutdown");
    }
}
