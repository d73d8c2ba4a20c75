using System.Diagnostics;
using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>IPv6 over MP-BGP with Debian's bird6 1.6.8, as Calico runs bird6 beside bird.</summary>
[Category("Interop")]
[NonParallelizable]
public class Bird6InteropTests
{
    private const string Bird6 = "/usr/sbin/bird6";
    private const string Birdc6 = "/usr/sbin/birdc6";
    private const string OurAddress = "fd00:213:a::1";
    private const string BirdAddress = "fd00:213:a::2";

    [Test]
    public async Task Ipv6_session_with_bird6_exchanges_routes_over_mp_bgp()
    {
        NetnsLab.Require(Bird6, Birdc6);
        using var lab = new NetnsLab(OurAddress, BirdAddress, 64, tag: "6");
        var dir = Directory.CreateTempSubdirectory("bgpd-bird6");
        var socket = Path.Combine(dir.FullName, "bird6.ctl");
        var config = Path.Combine(dir.FullName, "bird6.conf");
        await File.WriteAllTextAsync(config, $$"""
            router id 10.213.10.2;
            log "{{dir.FullName}}/bird6.log" all;
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
        using var bird = Process.Start(new ProcessStartInfo("ip", $"netns exec {lab.Name} {Bird6} -f -c {config} -s {socket}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var loop = new RoutingLoop();
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => loop.RunAsync(stop.Token));
        try
        {
            var table = new RoutingTable("master", TableFamily.Ipv6, loop);
            var origin = new BirdInteropTests.OriginProtocol(loop, table);
            var options = new BgpProtocolOptions
            {
                Session = new SessionOptions
                {
                    LocalAs = 64512,
                    PeerAs = 64512,
                    LocalId = IpAddress.Parse("10.213.10.1").V4Value,
                    PeerAddress = IpAddress.Parse(BirdAddress),
                    ConnectDelayTime = 1,
                    ConnectRetryTime = 3,
                    ErrorWaitTimeMin = 1,
                    ErrorWaitTimeMax = 5,
                    Capabilities = SessionOptions.DefaultCapabilities([BgpFamily.IPv6Unicast], 64512, Bgpd.Bgp.Wire.AddPathMode.Both),
                },
                Family = BgpFamily.IPv6Unicast,
                SourceAddress = IpAddress.Parse(OurAddress),
                Multihop = 64,
                GatewayRecursive = true,
            };
            var bgp = BgpProtocol.Create("Mesh_bird6", loop, table, new ChannelOptions { ImportFilter = Filters.All, ExportFilter = Filters.All }, options, listener: null);
            await loop.InvokeAsync(() =>
            {
                origin.Start();
                origin.Announce(Prefix.Parse("fd00:251::/64"));
                bgp.Start();
            });
            var log = Path.Combine(dir.FullName, "bird6.log");
            await Until(async () => await loop.InvokeAsync(() => table.Find(Prefix.Parse("fd00:250:1::/64"))?.Best) is not null,
                "bird6's route in our table", () => File.Exists(log) ? File.ReadAllText(log) : "no log");
            var learned = await loop.InvokeAsync(() => table.Find(Prefix.Parse("fd00:250:1::/64"))!.Best!.Attributes);
            Assert.That(learned.Gateway, Is.EqualTo(IpAddress.Parse(BirdAddress)));

            await Until(() => Task.FromResult(NetnsLab.Run("ip", $"netns exec {lab.Name} {Birdc6} -s {socket} show route all protocol Mesh_bgpd", check: false).Contains("fd00:251::/64")),
                "our route in bird6's table", () => NetnsLab.Run("ip", $"netns exec {lab.Name} {Birdc6} -s {socket} show protocols all Mesh_bgpd", check: false));
            var shown = NetnsLab.Run("ip", $"netns exec {lab.Name} {Birdc6} -s {socket} show route all protocol Mesh_bgpd");
            Assert.That(shown, Does.Contain($"BGP.next_hop: {OurAddress}"), shown);
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

    private static async Task Until(Func<Task<bool>> condition, string what, Func<string> diagnostics)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 600 && clock.Elapsed < TimeSpan.FromSeconds(30); attempt++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{what} did not happen within 30 s\n{diagnostics()}");
    }
}
