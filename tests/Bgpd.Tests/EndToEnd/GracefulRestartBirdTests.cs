using System.Diagnostics;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>
/// bgpd restarting gracefully with BIRD 1.6.8 as the helper, both on loopback addresses: kill -9 of
/// bgpd leaves its routes at BIRD ("Neighbor graceful restart active"); `bgpd -R` with one route
/// fewer comes back with the restart flag, BIRD keeps the routes until our End-of-RIB and then
/// drops only the one we no longer announce.
/// </summary>
[NonParallelizable]
public class GracefulRestartBirdTests
{
    const string BirdPath = "/usr/sbin/bird";

    static string BgpdConfig(string routes) => $$"""
        router id 127.0.0.1;
        listen bgp address 127.0.0.1 port 17971;
        protocol device { }
        protocol static { {{routes}} }
        protocol bgp bird_peer {
          local as 64512;
          neighbor 127.0.0.2 port 17972 as 64512;
          source address 127.0.0.1;
          import all;
          export all;
          graceful restart on;
          connect delay time 1;
          connect retry time 3;
          error wait time 1,5;
        }
        """;

    static string BirdConfig(string log) => $$"""
        router id 127.0.0.2;
        log "{{log}}" all;
        listen bgp address 127.0.0.2 port 17972;
        protocol device { }
        protocol bgp bgpd_peer {
          local as 64512;
          neighbor 127.0.0.1 port 17971 as 64512;
          source address 127.0.0.2;
          import all;
          export none;
          graceful restart on;
          connect delay time 1;
          connect retry time 3;
          error wait time 1,5;
        }
        """;

    static string Until(Func<string> probe, Func<string, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(40))
        {
            last = probe();
            if (done(last)) return last;
            Thread.Sleep(200); // polling a daemon's CLI, bounded by the loop condition
        }
        Assert.Fail($"{what} did not happen within 40 s; last output:\n{last}");
        return last;
    }

    [Test]
    public void Bird_keeps_the_routes_of_a_killed_bgpd_until_it_restarts_with_R_and_sends_end_of_rib()
    {
        RealPeers.Require(BirdPath, "bird (package bird 1.6.8)");
        Birdc.Require();
        using var dir = new TempDir();
        var socket = Path.Combine(dir.Path, "bird.ctl");
        var start = new ProcessStartInfo(BirdPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-f", "-c", dir.Write("bird.conf", BirdConfig(Path.Combine(dir.Path, "bird.log"))), "-s", socket }) start.ArgumentList.Add(a);
        using var bird = Process.Start(start)!;
        BgpdProcess? first = null, second = null;
        try
        {
            Until(() => BgpdProcess.SocketAnswers(socket) ? "up" : "", s => s == "up", "bird's control socket");
            first = BgpdProcess.Start(BgpdConfig("route 10.77.1.0/24 blackhole; route 10.77.2.0/24 blackhole;"));
            string Routes() => Birdc.Run(socket, "show", "route", "protocol", "bgpd_peer");
            string Protocol() => Birdc.Run(socket, "show", "protocols", "all", "bgpd_peer");
            Until(Routes, s => s.Contains("10.77.2.0/24", StringComparison.Ordinal), "bgpd's routes at BIRD");
            Assert.That(Protocol(), Does.Contain("restart-able"), "our OPEN offers graceful restart for IPv4");

            first.Process.Kill();
            first.Process.WaitForExit();
            Until(Protocol, s => s.Contains("Neighbor graceful restart active", StringComparison.Ordinal), "graceful restart detected by BIRD");
            var kept = Routes();
            Assert.That(kept, Does.Contain("10.77.1.0/24").And.Contain("10.77.2.0/24"), kept);

            second = BgpdProcess.Start(BgpdConfig("route 10.77.1.0/24 blackhole;"), "-R");
            var done = Until(Protocol, s => s.Contains("Established", StringComparison.Ordinal) && !s.Contains("graceful restart active", StringComparison.Ordinal),
                "BIRD's graceful restart done");
            var routes = Until(Routes, s => !s.Contains("10.77.2.0/24", StringComparison.Ordinal), "the route we no longer announce flushed");
            Assert.That(routes, Does.Contain("10.77.1.0/24"), routes + done);
            using var client = second.Connect();
            client.ReadReply();
            var status = client.Command("show status");
            Assert.That(status, Does.Not.Contain("Graceful restart recovery"), status);
        }
        finally
        {
            first?.Dispose();
            second?.Dispose();
            if (!bird.HasExited)
            {
                bird.Kill();
                bird.WaitForExit(10000);
            }
        }
    }
}
