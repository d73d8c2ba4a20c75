using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// Graceful restart with BIRD 1.6.8 (`graceful restart on`) as the restarting peer: kill -9 of bird
/// leaves its routes in our table as stale; bird started again with -R and one route fewer sends its
/// routes and End-of-RIB, after which only the route it dropped is gone.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class GracefulRestartInteropTests
{
    private const string OurAddress = "10.213.20.1";
    private const string BirdAddress = "10.213.20.2";

    [Test]
    public async Task Routes_of_a_killed_bird_stay_until_it_restarts_and_sends_end_of_rib()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 30, "v", "bgpd-gr", tools: [Bird, Birdc]);
        var socket = rig.PathOf("bird.ctl");
        var config = rig.PathOf("bird.conf");
        string Config(string routes) => $$"""
            router id {{BirdAddress}};
            log "{{rig.Dir}}/bird.log" all;
            protocol device { scan time 10; }
            protocol static { {{routes}} }
            protocol bgp Mesh_bgpd {
              local as 64512;
              neighbor {{OurAddress}} as 64512;
              source address {{BirdAddress}};
              multihop;
              gateway recursive;
              import all;
              export all;
              graceful restart on;
              graceful restart time 90;
              connect delay time 1;
              connect retry time 3;
              error wait time 1,5;
            }
            """;
        await File.WriteAllTextAsync(config, Config("route 10.254.1.0/24 blackhole; route 10.254.2.0/24 blackhole;"));
        var bird = rig.StartDaemon($"{Bird} -f -c {config} -s {socket}");
        var bgp = rig.AddPeer("Mesh_bird", new BgpProtocolOptions
        {
            Session = InteropRig.FastSession(64512, 64512, OurAddress, BirdAddress, BgpFamily.IPv4Unicast),
            Family = BgpFamily.IPv4Unicast,
            SourceAddress = IpAddress.Parse(OurAddress),
            Multihop = 64,
            GatewayRecursive = true,
        });
        await rig.StartAsync(["10.251.20.0/24"], bgp);
        await InteropRig.Until(async () => await rig.BestAsync("10.254.2.0/24") is not null, "BIRD's routes in our table", () => rig.ReadOrNote("bird.log"));

        bird.Kill();
        await bird.WaitForExitAsync();
        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => bgp.GracefulRestartActive), "graceful restart detected");
        var details = await rig.Loop.InvokeAsync(() =>
        {
            var lines = new List<string>();
            bgp.AppendDetails(lines);
            return lines;
        });
        Assert.That(details, Does.Contain("    Neighbor graceful restart active"), string.Join("\n", details));
        Assert.That(details, Has.Some.Match(@"^    Restart timer:    \d+/-$"), string.Join("\n", details));
        var stale = await rig.Loop.InvokeAsync(() => rig.Table.Find(Prefix.Parse("10.254.1.0/24"))?.Best?.IsStale);
        Assert.That(stale, Is.True, "BIRD's routes kept, marked stale");

        await File.WriteAllTextAsync(config, Config("route 10.254.1.0/24 blackhole;"));
        rig.StartDaemon($"{Bird} -f -R -c {config} -s {socket}");
        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => !bgp.GracefulRestartActive && bgp.Session.State == BgpState.Established),
            "graceful restart done on the new session", () => rig.ReadOrNote("bird.log"));
        Assert.That(await rig.BestAsync("10.254.1.0/24"), Is.Not.Null, "sent again by the restarted BIRD");
        Assert.That(await rig.Loop.InvokeAsync(() => rig.Table.Find(Prefix.Parse("10.254.1.0/24"))?.Best?.IsStale), Is.False);
        Assert.That(await rig.BestAsync("10.254.2.0/24"), Is.Null, "not sent again: flushed at End-of-RIB");

        // BIRD's side: our route came back to it on the new session.
        await rig.UntilOutput($"{Birdc} -s {socket} show route 10.251.20.0/24", "10.251.20.0/24", "our route at the restarted BIRD");
    }
}
