using System.Diagnostics;
using Bgpd.Bgp.Io;
using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using static Bgpd.Bgp.Tests.Interop.PeerBinaries;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// BIRD 1.6.8 connects to our listener with a TCP MD5 password (Calico's `password`); we are passive.
/// The session only comes up because both sides sign their segments with the same key.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class BirdPasswordInteropTests
{
    private const string OurAddress = "10.213.8.1";
    private const string BirdAddress = "10.213.8.2";
    private const string Password = "calico-secret";

    [Test]
    public async Task Bird_connects_to_our_listener_with_an_md5_password_and_routes_flow()
    {
        await using var rig = InteropRig.Create(OurAddress, BirdAddress, 30, "p", "bgpd-bird-md5", tools: [Bird]);
        var config = rig.PathOf("bird.conf");
        await File.WriteAllTextAsync(config, $$"""
            router id {{BirdAddress}};
            log "{{rig.PathOf("bird.log")}}" all;
            protocol device { scan time 10; }
            protocol static { route 10.252.1.0/24 blackhole; }
            protocol bgp Mesh_bgpd {
              local as 64512;
              neighbor {{OurAddress}} as 64512;
              source address {{BirdAddress}};
              password "{{Password}}";
              import all;
              export all;
              connect delay time 1;
              connect retry time 3;
              error wait time 1,5;
            }
            """);
        rig.StartDaemon($"{Bird} -f -c {config} -s {rig.PathOf("bird.ctl")}");
        await using var listener = new BgpListener(IpAddress.Parse(OurAddress));
        listener.Start();
        var bgp = rig.AddPeer("Mesh_bird", new BgpProtocolOptions
        {
            Session = new SessionOptions
            {
                LocalAs = 64512,
                PeerAs = 64512,
                LocalId = IpAddress.Parse(OurAddress).V4Value,
                PeerAddress = IpAddress.Parse(BirdAddress),
                Passive = true,
                Capabilities = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], 64512),
            },
            Family = BgpFamily.IPv4Unicast,
            Password = Password,
            Multihop = 64,
            GatewayRecursive = true,
        }, listener);
        await rig.Loop.InvokeAsync(() => bgp.Start());

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && await rig.BestAsync("10.252.1.0/24") is null)
            await Task.Delay(100);
        Assert.That(await rig.Loop.InvokeAsync(() => bgp.Session.StateOf(ConnectionSide.Incoming)), Is.EqualTo(BgpState.Established),
            rig.ReadOrNote("bird.log"));
        Assert.That((await rig.BestAsync("10.252.1.0/24"))?.Gateway, Is.EqualTo(IpAddress.Parse(BirdAddress)));
        await rig.Loop.InvokeAsync(() => bgp.Stop());
    }
}
