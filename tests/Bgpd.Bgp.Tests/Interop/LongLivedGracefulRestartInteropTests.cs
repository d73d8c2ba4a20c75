using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// Long-lived graceful restart with BIRD 2.0.12 (`long lived graceful restart on`, restart time 1 s)
/// as the restarting peer: after kill -9 of bird its routes go LLGR-stale in our table once the
/// restart time is over (LLGR_STALE community, the NO_LLGR route withdrawn); bird started again (-R) sends
/// its routes and End-of-RIB, which ends it.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class LongLivedGracefulRestartInteropTests
{
    private const string OurAddress = "10.213.23.1";
    private const string BirdAddress = "10.213.23.2";

    [Test]
    public async Task Routes_of_a_killed_bird2_go_llgr_stale_after_the_restart_time_and_fresh_again_after_its_restart()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 30, "w", "bgpd-llgr", tools: [Bird2, Birdc2]);
        var socket = rig.PathOf("bird2.ctl");
        var config = rig.PathOf("bird2.conf");
        await File.WriteAllTextAsync(config, $$"""
            router id {{BirdAddress}};
            log "{{rig.Dir}}/bird2.log" all;
            protocol device { scan time 10; }
            protocol static {
              ipv4;
              route 10.254.23.0/24 blackhole;
              route 10.254.24.0/24 blackhole { bgp_community.add((65535, 7)); };
            }
            protocol bgp Mesh_bgpd {
              local {{BirdAddress}} as 64512;
              neighbor {{OurAddress}} as 64512;
              graceful restart on;
              graceful restart time 1;
              long lived graceful restart on;
              long lived stale time 600;
              connect delay time 1;
              connect retry time 3;
              error wait time 1,5;
              ipv4 { import all; export all; };
            }
            """);
        var bird = rig.StartDaemon($"{Bird2} -f -c {config} -s {socket}");
        var bgp = rig.AddPeer("Mesh_bird2", new BgpProtocolOptions
        {
            Session = InteropRig.FastSession(64512, 64512, OurAddress, BirdAddress, BgpFamily.IPv4Unicast),
            Family = BgpFamily.IPv4Unicast,
            SourceAddress = IpAddress.Parse(OurAddress),
            Multihop = 64,
            GatewayRecursive = true,
        });
        await rig.StartAsync([], bgp);
        await InteropRig.Until(async () => await rig.BestAsync("10.254.24.0/24") is not null, "BIRD 2's routes in our table", () => rig.ReadOrNote("bird2.log"));
        var peerCaps = await rig.Loop.InvokeAsync(() => bgp.Session.Current!.Peer.LongLivedGracefulRestart);
        Assert.That(peerCaps, Has.Some.Matches<LongLivedGracefulRestartFamily>(f => f.Family == BgpFamily.IPv4Unicast), "BIRD 2 offers LLGR for IPv4");

        bird.Kill();
        await bird.WaitForExitAsync();
        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => bgp.LongLivedStaleActive), "long-lived stale after the 1 s restart time");
        var stale = (await rig.BestAsync("10.254.23.0/24"))!;
        Assert.That(stale.TryGet(EaId.BgpCommunity, out var communities) && communities.AsIntSet.Contains(BgpProtocol.LlgrStaleCommunity), Is.True, "tagged LLGR_STALE");
        Assert.That(await rig.BestAsync("10.254.24.0/24"), Is.Null, "the NO_LLGR route is withdrawn");

        // Restarted with -R: its OPEN keeps the forwarding bits, so the stale routes stay until its End-of-RIB.
        rig.StartDaemon($"{Bird2} -f -R -c {config} -s {socket}");
        await InteropRig.Until(async () => await rig.Loop.InvokeAsync(() => !bgp.GracefulRestartActive && bgp.Session.State == BgpState.Established),
            "long-lived stale ended by the new session's End-of-RIB", () => rig.ReadOrNote("bird2.log"));
        await InteropRig.Until(async () => await rig.BestAsync("10.254.23.0/24") is not null, "the route sent again by the restarted BIRD 2");
        var fresh = (await rig.BestAsync("10.254.23.0/24"))!;
        Assert.That(fresh.TryGet(EaId.BgpCommunity, out var now) && now.AsIntSet.Contains(BgpProtocol.LlgrStaleCommunity), Is.False);
        await InteropRig.Until(async () => await rig.BestAsync("10.254.24.0/24") is not null, "the NO_LLGR route back");
    }

    [Test]
    public async Task Bird2_sees_our_long_lived_forwarding_bit_while_we_restart()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 30, "x", "bgpd-llgr-r", tools: [Bird2, Birdc2]);
        var socket = rig.PathOf("bird2.ctl");
        var config = rig.PathOf("bird2.conf");
        await File.WriteAllTextAsync(config, $$"""
            router id {{BirdAddress}};
            log "{{rig.Dir}}/bird2.log" all;
            protocol device { scan time 10; }
            protocol bgp Mesh_bgpd {
              local {{BirdAddress}} as 64512;
              neighbor {{OurAddress}} as 64512;
              long lived graceful restart on;
              connect delay time 1;
              connect retry time 3;
              ipv4 { import all; export all; };
            }
            """);
        rig.StartDaemon($"{Bird2} -f -c {config} -s {socket}");
        // bgpd -R with `graceful restart on; long lived graceful restart on; long lived stale time 300;`.
        var ours = BgpProtocolOptions.FromConfig(new Bgpd.Config.Model.BgpConfig
        {
            Name = "Mesh_bird2",
            LocalAs = 64512,
            NeighborAs = 64512,
            NeighborAddress = IpAddress.Parse(BirdAddress),
            GracefulRestart = Bgpd.Config.Model.GracefulRestartMode.On,
            LongLivedGracefulRestart = Bgpd.Config.Model.GracefulRestartMode.On,
            LongLivedStaleTime = 300,
        }, IpAddress.Parse(OurAddress).V4Value, ipv6: false, recovery: true);
        var fast = InteropRig.FastSession(64512, 64512, OurAddress, BirdAddress, BgpFamily.IPv4Unicast);
        var bgp = rig.AddPeer("Mesh_bird2", ours with
        {
            Session = fast with { Capabilities = ours.Session.Capabilities },
            SourceAddress = IpAddress.Parse(OurAddress),
            Multihop = 64,
            GatewayRecursive = true,
        });
        await rig.StartAsync([], bgp);

        var shown = await rig.UntilOutput($"{Birdc2} -s {socket} show protocols all Mesh_bgpd", "Established", "session with BIRD 2", () => rig.ReadOrNote("bird2.log"));
        var neighbor = shown[shown.IndexOf("Neighbor capabilities", StringComparison.Ordinal)..];
        Assert.That(neighbor, Does.Contain("Long-lived graceful restart").And.Contain("LL stale time: 300"), shown);
        Assert.That(neighbor, Does.Match(@"AF preserved:\s+ipv4"), shown);
    }
}
