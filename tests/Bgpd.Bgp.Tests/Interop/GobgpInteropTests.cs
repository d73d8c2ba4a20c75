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

/// <summary>An eBGP session with GoBGP in a network namespace: AS paths and next hops as eBGP sets them, both ways.</summary>
[Category("Interop")]
[NonParallelizable]
public class GobgpInteropTests
{
    private const string Gobgpd = "/usr/bin/gobgpd";
    private const string Gobgp = "/usr/bin/gobgp";
    private const string OurAddress = "10.213.9.1";
    private const string PeerAddress = "10.213.9.2";

    [Test]
    public async Task Ebgp_session_with_gobgp_exchanges_routes_with_as_paths_and_next_hop_self()
    {
        NetnsLab.Require(Gobgpd, Gobgp);
        using var lab = new NetnsLab(OurAddress, PeerAddress, 30, tag: "g");
        var dir = Directory.CreateTempSubdirectory("bgpd-gobgp");
        var config = Path.Combine(dir.FullName, "gobgpd.toml");
        await File.WriteAllTextAsync(config, $$"""
            [global.config]
              as = 65001
              router-id = "{{PeerAddress}}"
              local-address-list = ["{{PeerAddress}}"]
            [[neighbors]]
              [neighbors.config]
                neighbor-address = "{{OurAddress}}"
                peer-as = 64512
              [neighbors.timers.config]
                connect-retry = 1
            """);
        using var gobgpd = Process.Start(new ProcessStartInfo("ip", $"netns exec {lab.Name} {Gobgpd} -f {config} -t toml --pprof-disable")
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
            var origin = new BirdInteropTests.OriginProtocol(loop, table);
            var options = new BgpProtocolOptions
            {
                Session = new SessionOptions
                {
                    LocalAs = 64512,
                    PeerAs = 65001,
                    LocalId = IpAddress.Parse(OurAddress).V4Value,
                    PeerAddress = IpAddress.Parse(PeerAddress),
                    ConnectDelayTime = 1,
                    ConnectRetryTime = 3,
                    ErrorWaitTimeMin = 1,
                    ErrorWaitTimeMax = 5,
                    Capabilities = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], 64512),
                },
                Family = BgpFamily.IPv4Unicast,
                SourceAddress = IpAddress.Parse(OurAddress),
            };
            var bgp = BgpProtocol.Create("Tor_gobgp", loop, table, new ChannelOptions { ImportFilter = Filters.All, ExportFilter = Filters.All }, options, listener: null);
            await loop.InvokeAsync(() =>
            {
                origin.Start();
                origin.Announce(Prefix.Parse("10.254.0.0/24"));
                bgp.Start();
            });
            await Until(async () => await loop.InvokeAsync(() => bgp.Session.State) == BgpState.Established, "session Established");
            Run(lab, $"{Gobgp} global rib add 10.253.1.0/24 -a ipv4");

            await Until(async () => await loop.InvokeAsync(() => table.Find(Prefix.Parse("10.253.1.0/24"))?.Best) is not null, "GoBGP's route in our table");
            var learned = await loop.InvokeAsync(() => table.Find(Prefix.Parse("10.253.1.0/24"))!.Best!.Attributes);
            Assert.That(learned.TryGet(EaId.BgpAsPath, out var path) ? path.AsPath.FirstAs : null, Is.EqualTo(65001));
            Assert.That(learned.Gateway, Is.EqualTo(IpAddress.Parse(PeerAddress)));

            await Until(() => Task.FromResult(Run(lab, $"{Gobgp} global rib -a ipv4").Contains("10.254.0.0/24")), "our route in GoBGP's RIB");
            var rib = Run(lab, $"{Gobgp} global rib -a ipv4 10.254.0.0/24");
            Assert.That(rib, Does.Contain(OurAddress), rib);
            Assert.That(rib, Does.Contain("64512"), rib);
        }
        finally
        {
            stop.Cancel();
            try { gobgpd.Kill(true); } catch (InvalidOperationException) { }
            gobgpd.WaitForExit(5000);
            try { await running; } catch (OperationCanceledException) { }
            dir.Delete(true);
        }
    }

    private static string Run(NetnsLab lab, string command) => NetnsLab.Run("ip", $"netns exec {lab.Name} {command}", check: false);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 600 && clock.Elapsed < TimeSpan.FromSeconds(30); attempt++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{what} did not happen within 30 s");
    }
}
