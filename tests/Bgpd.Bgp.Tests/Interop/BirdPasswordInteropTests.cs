using System.Diagnostics;
using Bgpd.Bgp.Io;
using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// BIRD 1.6.8 connects to our listener with a TCP MD5 password (Calico's `password`); we are passive.
/// The session only comes up because both sides sign their segments with the same key.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class BirdPasswordInteropTests
{
    private const string Bird = "/usr/sbin/bird";
    private const string OurAddress = "10.213.8.1";
    private const string BirdAddress = "10.213.8.2";
    private const string Password = "calico-secret";

    [Test]
    public async Task Bird_connects_to_our_listener_with_an_md5_password_and_routes_flow()
    {
        NetnsLab.Require(Bird);
        using var lab = new NetnsLab(OurAddress, BirdAddress, 30, tag: "p");
        var dir = Directory.CreateTempSubdirectory("bgpd-bird-md5");
        var config = Path.Combine(dir.FullName, "bird.conf");
        var log = Path.Combine(dir.FullName, "bird.log");
        await File.WriteAllTextAsync(config, $$"""
            router id {{BirdAddress}};
            log "{{log}}" all;
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
        using var bird = Process.Start(new ProcessStartInfo("ip", $"netns exec {lab.Name} {Bird} -f -c {config} -s {Path.Combine(dir.FullName, "bird.ctl")}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var loop = new RoutingLoop();
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => loop.RunAsync(stop.Token));
        await using var listener = new BgpListener(IpAddress.Parse(OurAddress));
        try
        {
            listener.Start();
            var table = new RoutingTable("master", TableFamily.Ipv4, loop);
            var options = new BgpProtocolOptions
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
            };
            var bgp = BgpProtocol.Create("Mesh_bird", loop, table, new ChannelOptions { ImportFilter = Filters.All, ExportFilter = Filters.All }, options, listener);
            await loop.InvokeAsync(() => bgp.Start());

            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(30) && await loop.InvokeAsync(() => table.Find(Prefix.Parse("10.252.1.0/24"))?.Best) is null)
                await Task.Delay(100);
            Assert.That(await loop.InvokeAsync(() => bgp.Session.StateOf(ConnectionSide.Incoming)), Is.EqualTo(BgpState.Established),
                File.Exists(log) ? await File.ReadAllTextAsync(log) : "no BIRD log");
            Assert.That(await loop.InvokeAsync(() => table.Find(Prefix.Parse("10.252.1.0/24"))?.Best?.Attributes.Gateway), Is.EqualTo(IpAddress.Parse(BirdAddress)));
            await loop.InvokeAsync(() => bgp.Stop());
        }
        finally
        {
            stop.Cancel();
            try { bird.Kill(true); } catch (InvalidOperationException) { }
            bird.WaitForExit(5000);
            try { await running; } catch (OperationCanceledException) { }
            dir.Delete(true);
        }
    }
}
