using System.Text.RegularExpressions;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>
/// <c>configure</c> with changed filters on a BGP protocol, against Debian's BIRD 1.6.8 as the peer
/// (over loopback): as in BIRD, the session stays up, a changed export filter re-feeds the peer and
/// a changed import filter asks the peer for its routes again (route refresh).
/// </summary>
[NonParallelizable]
public class ConfigureBgpTests
{
    TempDir _dir = null!;
    BirdDaemon? _bird;
    BgpdProcess? _bgpd;
    string _birdSocket = "";
    string _bgpdConfig = "";

    static string BgpdConfig(int ourPort, int birdPort, string exported, string imported) => $$"""
        router id 10.0.0.1;
        listen bgp address 127.0.0.1 port {{ourPort}};
        filter to_peer { if net ~ [ {{exported}} ] then accept; reject; }
        filter from_peer { if net ~ [ {{imported}} ] then accept; reject; }
        protocol static local1 { route 10.1.0.0/16 blackhole; route 10.2.0.0/16 blackhole; }
        protocol bgp peer1 {
          local 127.0.0.1 as 65001;
          neighbor 127.0.0.2 port {{birdPort}} as 65002;
          source address 127.0.0.1;
          multihop;
          export filter to_peer;
          import filter from_peer;
        }
        """;

    static string BirdConfig(int ourPort, int birdPort) => $$"""
        router id 10.0.0.2;
        listen bgp address 127.0.0.2 port {{birdPort}};
        protocol static remote1 { route 10.50.0.0/16 blackhole; route 10.60.0.0/16 blackhole; }
        protocol bgp peer1 {
          local 127.0.0.2 as 65002;
          neighbor 127.0.0.1 port {{ourPort}} as 65001;
          source address 127.0.0.2;
          multihop;
          import all;
          export all;
        }
        """;

    [OneTimeSetUp]
    public void Start()
    {
        _dir = new TempDir();
        var ports = FreePorts.Take(2);
        var (ourPort, birdPort) = (ports[0], ports[1]);
        var birdConf = _dir.Write("bird.conf", BirdConfig(ourPort, birdPort));
        _birdSocket = Path.Combine(_dir.Path, "bird.ctl");
        _bird = BirdDaemon.Start(birdConf, _birdSocket);
        _bgpdConfig = BgpdConfig(ourPort, birdPort, "10.1.0.0/16+", "10.50.0.0/16+");
        _bgpd = BgpdProcess.Start(_bgpdConfig);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _bgpd?.Dispose();
        _bird?.Dispose();
        _dir?.Dispose();
    }

    [Test]
    public void Changed_filters_reload_routes_both_ways_without_resetting_the_session()
    {
        using var c = _bgpd!.Connect();
        c.ReadReply();
        WaitFor(() => Routes(Birdc.Run(_birdSocket, "show route protocol peer1")), "10.1.0.0/16", "bird learns the exported route");
        WaitFor(() => Routes(c.Command("show route protocol peer1")), "10.50.0.0/16", "bgpd imports the accepted route");
        var birdSince = Since(Birdc.Run(_birdSocket, "show protocols peer1"));
        var ourSince = Since(c.Command("show protocols peer1"));
        WaitForWallClockSecondAfter(birdSince, ourSince);

        File.WriteAllText(_bgpd.ConfigPath, _bgpdConfig.Replace("10.1.0.0/16+", "10.2.0.0/16+").Replace("10.50.0.0/16+", "10.60.0.0/16+"));
        Assert.That(c.Command("configure"), Does.EndWith("0003 Reconfigured\n"));

        WaitFor(() => Routes(Birdc.Run(_birdSocket, "show route protocol peer1")), "10.2.0.0/16", "the peer is re-fed through the new export filter");
        WaitFor(() => Routes(c.Command("show route protocol peer1")), "10.60.0.0/16", "routes are re-imported through the new import filter");
        Assert.Multiple(() =>
        {
            Assert.That(Since(Birdc.Run(_birdSocket, "show protocols peer1")), Is.EqualTo(birdSince), "bird saw the session reset");
            Assert.That(Since(c.Command("show protocols peer1")), Is.EqualTo(ourSince), "bgpd restarted the protocol");
            Assert.That(c.Command("show protocols peer1"), Does.Contain("Established"));
        });
    }

    static string Routes(string listing) =>
        string.Join(" ", Regex.Matches(listing, @"(\d+\.\d+\.\d+\.\d+/\d+)").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));

    static void WaitFor(Func<string> read, string expected, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = read();
            if (last == expected) return;
            Thread.Sleep(100);
        }
        Assert.Fail($"{what}: expected routes [{expected}], last seen [{last}]");
    }

    static string Since(string showProtocols)
    {
        var match = Regex.Match(showProtocols, @"peer1\s+BGP\s+\S+\s+up\s+(\S+)\s+Established");
        Assert.That(match.Success, Is.True, showProtocols);
        return match.Groups[1].Value;
    }

    /// <summary>`since` has one-second resolution: wait (bounded) until the clock has left the second both show.</summary>
    static void WaitForWallClockSecondAfter(params string[] times)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && times.Any(t => string.CompareOrdinal(DateTime.Now.ToString("HH:mm:ss"), t) <= 0))
            Thread.Sleep(50);
    }
}
