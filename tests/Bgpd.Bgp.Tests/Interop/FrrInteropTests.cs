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

/// <summary>An eBGP session with FRR's bgpd (run without zebra) in a network namespace, checked with vtysh.</summary>
[Category("Interop")]
[NonParallelizable]
public class FrrInteropTests
{
    private const string FrrBgpd = "/usr/lib/frr/bgpd";
    private const string Vtysh = "/usr/bin/vtysh";
    private const string OurAddress = "10.213.11.1";
    private const string PeerAddress = "10.213.11.2";

    [Test]
    public async Task Ebgp_session_with_frr_exchanges_routes()
    {
        NetnsLab.Require(FrrBgpd, Vtysh);
        using var lab = new NetnsLab(OurAddress, PeerAddress, 30, tag: "f");
        var dir = Directory.CreateTempSubdirectory("bgpd-frr");
        var config = Path.Combine(dir.FullName, "bgpd.conf");
        await File.WriteAllTextAsync(config, $"""
            frr defaults traditional
            hostname frrpeer
            !
            router bgp 65002
             bgp router-id {PeerAddress}
             no bgp ebgp-requires-policy
             no bgp network import-check
             neighbor {OurAddress} remote-as 64512
             neighbor {OurAddress} timers connect 1
             address-family ipv4 unicast
              network 10.255.1.0/24
             exit-address-family
            !
            """);
        using var frr = Process.Start(new ProcessStartInfo("ip",
            $"netns exec {lab.Name} {FrrBgpd} -f {config} -Z -S -n -P 0 -i {dir.FullName}/bgpd.pid --vty_socket {dir.FullName} -l {PeerAddress} --log file:{dir.FullName}/frr.log")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var loop = new RoutingLoop();
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => loop.RunAsync(stop.Token));
        string Vty(string command) => NetnsLab.Run("ip", $"netns exec {lab.Name} {Vtysh} --vty_socket {dir.FullName} -c \"{command}\"", check: false);
        try
        {
            var table = new RoutingTable("master", TableFamily.Ipv4, loop);
            var origin = new BirdInteropTests.OriginProtocol(loop, table);
            var options = new BgpProtocolOptions
            {
                Session = new SessionOptions
                {
                    LocalAs = 64512,
                    PeerAs = 65002,
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
            var bgp = BgpProtocol.Create("Tor_frr", loop, table, new ChannelOptions { ImportFilter = Filters.All, ExportFilter = Filters.All }, options, listener: null);
            await loop.InvokeAsync(() =>
            {
                origin.Start();
                origin.Announce(Prefix.Parse("10.254.2.0/24"));
                bgp.Start();
            });
            await Until(async () => await loop.InvokeAsync(() => table.Find(Prefix.Parse("10.255.1.0/24"))?.Best) is not null,
                "FRR's route in our table", () => Vty("show bgp summary") + (File.Exists($"{dir.FullName}/frr.log") ? File.ReadAllText($"{dir.FullName}/frr.log") : ""));
            var learned = await loop.InvokeAsync(() => table.Find(Prefix.Parse("10.255.1.0/24"))!.Best!.Attributes);
            Assert.That(learned.TryGet(EaId.BgpAsPath, out var path) ? path.AsPath.FirstAs : null, Is.EqualTo(65002));

            await Until(() => Task.FromResult(Vty("show bgp ipv4 unicast 10.254.2.0/24").Contains("64512")), "our route in FRR's table",
                () => Vty("show bgp ipv4 unicast"));
            var shown = Vty("show bgp ipv4 unicast 10.254.2.0/24");
            Assert.That(shown, Does.Contain(OurAddress), shown);
        }
        finally
        {
            stop.Cancel();
            try { frr.Kill(true); } catch (InvalidOperationException) { }
            frr.WaitForExit(5000);
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
