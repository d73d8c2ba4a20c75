using System.Diagnostics;
using System.Text.RegularExpressions;
using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>
/// `show protocols all` of a BGP protocol through a peer's graceful restart, bgpd beside Debian's
/// BIRD 1.6.8 on the same protocol config, both helping one restarting BIRD (`graceful restart on`,
/// restart time 4 s) on loopback addresses: Established; the peer killed (stale routes, restart timer,
/// reconnecting against a refused port); the restart timer run out (BIRD restarts the protocol:
/// routes flushed, counters reset, the last error kept). Outputs must be identical once times,
/// timer figures and the local address are masked.
/// </summary>
[NonParallelizable]
public class BgpStatesSideBySideTests
{
    const string Restarting = "127.0.0.2", Bird = "127.0.0.3", Bgpd = "127.0.0.4";

    static string Helper(string self, int port, int peerPort) => $$"""
        router id {{self}};
        listen bgp address {{self}} port {{port}};
        protocol device { scan time 10; }
        protocol bgp restarting {
          local as 64512;
          neighbor {{Restarting}} port {{peerPort}} as 64512;
          source address {{self}};
          import all;
          export all;
          connect delay time 2;
          connect retry time 5;
          error wait time 1,5;
        }
        """;

    static string RestartingConfig(int port, int birdPort, int bgpdPort) => $$"""
        router id {{Restarting}};
        listen bgp address {{Restarting}} port {{port}};
        protocol device { scan time 10; }
        protocol static { route 10.78.1.0/24 blackhole; route 10.78.2.0/24 blackhole; }
        template bgp helper {
          local as 64512;
          source address {{Restarting}};
          import all;
          export all;
          graceful restart on;
          graceful restart time 4;
          connect delay time 1;
        }
        protocol bgp to_bird from helper { neighbor {{Bird}} port {{birdPort}} as 64512; }
        protocol bgp to_bgpd from helper { neighbor {{Bgpd}} port {{bgpdPort}} as 64512; }
        """;

    static string Mask(string output)
    {
        output = Regex.Replace(output, @"\d\d:\d\d:\d\d", "TIME");
        output = Regex.Replace(output, @"(timer|delay|wait):( +)\d+/", "$1:$2N/");
        return output.Replace(Bird, "LOCAL", StringComparison.Ordinal).Replace(Bgpd, "LOCAL", StringComparison.Ordinal);
    }

    static (string Bird, string Bgpd) Until(Func<(string Bird, string Bgpd)> probe, Func<string, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        var last = ("", "");
        while (clock.Elapsed < TimeSpan.FromSeconds(40))
        {
            last = probe();
            if (done(last.Item1) && done(last.Item2)) return last;
            Thread.Sleep(100); // polling two daemons' CLIs, bounded by the loop condition
        }
        Assert.Fail($"{what} did not happen within 40 s\n--- BIRD:\n{last.Item1}\n--- bgpd:\n{last.Item2}");
        return last;
    }

    [Test]
    public void Show_protocols_all_matches_bird_through_a_peer_restart_that_times_out()
    {
        using var dir = new TempDir();
        var ports = FreePorts.Take(3);
        using var helperBird = BirdDaemon.Start(dir.Write("a.conf", Helper(Bird, ports[1], ports[0])), Path.Combine(dir.Path, "a.ctl"));
        using var bgpd = BgpdProcess.Start(Helper(Bgpd, ports[2], ports[0]));
        var restarting = BirdDaemon.Start(dir.Write("b.conf", RestartingConfig(ports[0], ports[1], ports[2])), Path.Combine(dir.Path, "b.ctl"));
        try
        {
            (string, string) Show() => (Mask(Birdc.Run(helperBird.SocketPath, "show", "protocols", "all", "restarting")),
                Mask(Birdc.Run(bgpd.SocketPath, "show", "protocols", "all", "restarting")));

            var up = Until(Show, s => s.Contains("Established", StringComparison.Ordinal) && s.Contains("2 imported", StringComparison.Ordinal), "both sessions Established");
            Assert.That(up.Bgpd, Is.EqualTo(up.Bird), "Established");

            restarting.Process.Kill();
            restarting.Process.WaitForExit();
            var stale = Until(Show, s => s.Contains("graceful restart active", StringComparison.Ordinal) && s.Contains("Connection refused", StringComparison.Ordinal)
                && s.Contains("Active", StringComparison.Ordinal), "graceful restart with the peer's port refused");
            Assert.That(stale.Bgpd, Is.EqualTo(stale.Bird), "waiting for the restarting peer");

            var restarted = Until(Show, s => !s.Contains("graceful restart active", StringComparison.Ordinal) && s.Contains("Active", StringComparison.Ordinal),
                "restart timer run out");
            Assert.That(restarted.Bgpd, Is.EqualTo(restarted.Bird), "after the restart timer");
            Assert.That(restarted.Bgpd, Does.Contain("0 imported"));
        }
        finally
        {
            restarting.Dispose();
        }
    }
}
