using System.Diagnostics;
using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Tests.Interop;

/// <summary>
/// An iBGP session (Calico mesh style: add paths, graceful restart) with Debian's BIRD 1.6.8 running
/// in a network namespace: the session reaches Established and routes flow both ways.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class BirdInteropTests
{
    private const string Bird = "/usr/sbin/bird";
    private const string Birdcl = "/usr/sbin/birdc";
    private const string OurAddress = "10.213.7.1";
    private const string BirdAddress = "10.213.7.2";

    [Test]
    public async Task Session_with_bird_1_6_reaches_established_and_exchanges_routes()
    {
        NetnsLab.Require(Bird, Birdcl);
        using var lab = new NetnsLab(OurAddress, BirdAddress, 30);
        var dir = Directory.CreateTempSubdirectory("bgpd-bird-interop");
        var socket = Path.Combine(dir.FullName, "bird.ctl");
        var config = Path.Combine(dir.FullName, "bird.conf");
        await File.WriteAllTextAsync(config, $$"""
            router id {{BirdAddress}};
            log "{{dir.FullName}}/bird.log" all;
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
        using var bird = Process.Start(new ProcessStartInfo("ip", $"netns exec {lab.Name} {Bird} -f -c {config} -s {socket}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var loop = new RoutingLoop();
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => loop.RunAsync(stop.Token));
        try
        {
            var table = new RoutingTable("master", TableFamily.Ipv4, loop);
            var origin = new OriginProtocol(loop, table);
            var options = new BgpProtocolOptions
            {
                Session = new SessionOptions
                {
                    LocalAs = 64512,
                    PeerAs = 64512,
                    LocalId = IpAddress.Parse(OurAddress).V4Value,
                    PeerAddress = IpAddress.Parse(BirdAddress),
                    ConnectDelayTime = 1,
                    ConnectRetryTime = 3,
                    ErrorWaitTimeMin = 1,
                    ErrorWaitTimeMax = 5,
                    Capabilities = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], 64512, Bgpd.Bgp.Wire.AddPathMode.Both),
                },
                Family = BgpFamily.IPv4Unicast,
                SourceAddress = IpAddress.Parse(OurAddress),
                Multihop = 64,
                GatewayRecursive = true,
            };
            var bgp = BgpProtocol.Create("Mesh_bird", loop, table, new ChannelOptions { ImportFilter = Filters.All, ExportFilter = Filters.All }, options, listener: null);
            await loop.InvokeAsync(() =>
            {
                origin.Start();
                origin.Announce(Prefix.Parse("10.251.0.0/24"));
                bgp.Start();
            });

            await Until(async () => await loop.InvokeAsync(() => bgp.Session.State) == BgpState.Established, "session Established", () => File.ReadAllTextAsync(Path.Combine(dir.FullName, "bird.log")));
            await Until(async () => await loop.InvokeAsync(() => table.Find(Prefix.Parse("10.250.2.0/24"))?.Best is not null), "BIRD's static routes in our table");
            var learned = await loop.InvokeAsync(() => table.Find(Prefix.Parse("10.250.1.0/24"))!.Best!.Attributes);
            Assert.That(learned.Gateway, Is.EqualTo(IpAddress.Parse(BirdAddress)));
            Assert.That(learned.TryGet(EaId.BgpLocalPref, out var localPref) && localPref.AsInt == 100, Is.True);

            await Until(() => Task.FromResult(NetnsLab.Run("ip", $"netns exec {lab.Name} {Birdcl} -s {socket} show route protocol Mesh_bgpd", check: false).Contains("10.251.0.0/24")),
                "our route in BIRD's table");
            var birdView = NetnsLab.Run("ip", $"netns exec {lab.Name} {Birdcl} -s {socket} show protocols all Mesh_bgpd");
            Assert.That(birdView, Does.Contain("BGP state:          Established"));
            Assert.That(birdView, Does.Contain("add-path-rx add-path-tx"));
            var details = new List<string>();
            await loop.InvokeAsync(() => bgp.AppendDetails(details));
            Assert.That(details, Has.Some.EqualTo("  BGP state:          Established"));
            Assert.That(details, Has.Some.EqualTo($"    Neighbor ID:      {BirdAddress}"));
            Assert.That(details, Has.Some.EqualTo("    Session:          internal multihop AS4 add-path-rx add-path-tx"));

            await loop.InvokeAsync(() => bgp.Stop());
            // BIRD's `show protocols` soon moves on to its next connect attempt; its log keeps the NOTIFICATION.
            await Until(async () => (await File.ReadAllTextAsync(Path.Combine(dir.FullName, "bird.log"))).Contains("Mesh_bgpd: Received: Administrative shutdown"),
                "BIRD logged our administrative shutdown");
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

    private static async Task Until(Func<Task<bool>> condition, string what, Func<Task<string>>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 600 && clock.Elapsed < TimeSpan.FromSeconds(30); attempt++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{what} did not happen within 30 s" + (diagnostics is null ? "" : "\n" + await diagnostics()));
    }

    /// <summary>Originates blackhole routes, standing in for a static protocol.</summary>
    internal sealed class OriginProtocol : Rib.Protocols.Protocol
    {
        public OriginProtocol(RoutingLoop loop, RoutingTable table) : base("origin1", loop) => AddChannel(table, new ChannelOptions());
        public override string ClassName => "Static";
        public override int DefaultPreference => 200;
        protected override bool AcceptsExports => false;

        public void Announce(Prefix prefix) =>
            MainChannel!.Update(prefix, new RouteAttributes(this, RouteSource.Static, RouteDest.Blackhole));
    }
}
