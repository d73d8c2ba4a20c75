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

    static string Helper(string self, int port, int peerPort, uint peerAs = 64512, string errorWait = "1,5", string extra = "") => $$"""
        router id {{self}};
        listen bgp address {{self}} port {{port}};
        protocol device { scan time 10; }
        protocol bgp restarting {
          local as 64512;
          neighbor {{Restarting}} port {{peerPort}} as {{peerAs}};
          source address {{self}};
          {{(peerAs == 64512 ? "" : "multihop;")}}
          import all;
          export all;
          connect delay time 2;
          connect retry time 5;
          error wait time {{errorWait}};
          {{extra}}
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

            // The operator takes the helper down with a message, then up again.
            Birdc.Run(helperBird.SocketPath, "disable", "restarting", "\"maintenance\"");
            Birdc.Run(bgpd.SocketPath, "disable", "restarting", "\"maintenance\"");
            var disabled = Until(Show, s => s.Contains("BGP state:          Down", StringComparison.Ordinal), "disabled");
            Assert.That(disabled.Bgpd, Is.EqualTo(disabled.Bird), "disabled with a message");
            Birdc.Run(helperBird.SocketPath, "enable", "restarting");
            Birdc.Run(bgpd.SocketPath, "enable", "restarting");
            var enabled = Until(Show, s => s.Contains("Connect delay", StringComparison.Ordinal), "enabled again, waiting to connect");
            Assert.That(enabled.Bgpd, Is.EqualTo(enabled.Bird), "enabled again");
        }
        finally
        {
            restarting.Dispose();
        }
    }

    [Test]
    public void Show_protocols_all_matches_bird_while_waiting_after_a_protocol_error()
    {
        using var dir = new TempDir();
        var ports = FreePorts.Take(3);
        // Both helpers expect AS 65000 (eBGP multihop: a direct session to a loopback address is refused
        // by BIRD as "Invalid next hop") where the peer is 64512: "Bad peer AS", then the error wait.
        using var helperBird = BirdDaemon.Start(dir.Write("a.conf", Helper(Bird, ports[1], ports[0], 65000, "30,60")), Path.Combine(dir.Path, "a.ctl"));
        using var bgpd = BgpdProcess.Start(Helper(Bgpd, ports[2], ports[0], 65000, "30,60"));
        using var peer = BirdDaemon.Start(dir.Write("b.conf", RestartingConfig(ports[0], ports[1], ports[2])), Path.Combine(dir.Path, "b.ctl"));
        (string, string) Show() => (Mask(Birdc.Run(helperBird.SocketPath, "show", "protocols", "all", "restarting")),
            Mask(Birdc.Run(bgpd.SocketPath, "show", "protocols", "all", "restarting")));

        var waiting = Until(Show, s => s.Contains("Error wait", StringComparison.Ordinal), "the error wait after Bad peer AS");
        Assert.That(waiting.Bgpd, Is.EqualTo(waiting.Bird));
        Assert.That(waiting.Bgpd, Does.Contain("Last error:       BGP Error: Bad peer AS"));
        var summary = (Mask(Birdc.Run(helperBird.SocketPath, "show", "protocols", "restarting")), Mask(Birdc.Run(bgpd.SocketPath, "show", "protocols", "restarting")));
        Assert.That(summary.Item2, Is.EqualTo(summary.Item1));
    }

    [Test]
    public void Show_protocols_all_matches_bird_after_the_peer_shuts_the_session_down()
    {
        using var dir = new TempDir();
        var ports = FreePorts.Take(3);
        using var helperBird = BirdDaemon.Start(dir.Write("a.conf", Helper(Bird, ports[1], ports[0], errorWait: "30,60")), Path.Combine(dir.Path, "a.ctl"));
        using var bgpd = BgpdProcess.Start(Helper(Bgpd, ports[2], ports[0], errorWait: "30,60"));
        using var peer = BirdDaemon.Start(dir.Write("b.conf", RestartingConfig(ports[0], ports[1], ports[2])), Path.Combine(dir.Path, "b.ctl"));
        (string, string) Show() => (Mask(Birdc.Run(helperBird.SocketPath, "show", "protocols", "all", "restarting")),
            Mask(Birdc.Run(bgpd.SocketPath, "show", "protocols", "all", "restarting")));
        Until(Show, s => s.Contains("Established", StringComparison.Ordinal) && s.Contains("2 imported", StringComparison.Ordinal), "both sessions Established");

        // A Cease is no error to wait after: the protocol starts again at once and shows what it received.
        Birdc.Run(peer.SocketPath, "disable", "to_bird", "\"bye\"");
        Birdc.Run(peer.SocketPath, "disable", "to_bgpd", "\"bye\"");
        var closed = Until(Show, s => s.Contains("Received: Administrative shutdown", StringComparison.Ordinal), "the peer's Cease received");
        Assert.That(closed.Bgpd, Is.EqualTo(closed.Bird), closed.Bird + closed.Bgpd);
    }

    [Test]
    public void Show_protocols_all_matches_bird_after_a_route_limit_and_an_operator_restart()
    {
        using var dir = new TempDir();
        var ports = FreePorts.Take(3);
        // The peer sends two routes; `route limit 1` (BIRD 1.6: import limit, action restart) trips.
        using var helperBird = BirdDaemon.Start(dir.Write("a.conf", Helper(Bird, ports[1], ports[0], errorWait: "30,60", extra: "route limit 1;")), Path.Combine(dir.Path, "a.ctl"));
        using var bgpd = BgpdProcess.Start(Helper(Bgpd, ports[2], ports[0], errorWait: "30,60", extra: "route limit 1;"));
        using var peer = BirdDaemon.Start(dir.Write("b.conf", RestartingConfig(ports[0], ports[1], ports[2])), Path.Combine(dir.Path, "b.ctl"));
        (string, string) Show() => (Mask(Birdc.Run(helperBird.SocketPath, "show", "protocols", "all", "restarting")),
            Mask(Birdc.Run(bgpd.SocketPath, "show", "protocols", "all", "restarting")));

        var limited = Until(Show, s => s.Contains("Error wait", StringComparison.Ordinal), "the error wait after the route limit hit");
        Assert.That(limited.Bgpd, Is.EqualTo(limited.Bird), limited.Bird + limited.Bgpd);

        Birdc.Run(helperBird.SocketPath, "restart", "restarting");
        Birdc.Run(bgpd.SocketPath, "restart", "restarting");
        var restarted = Until(Show, s => s.Contains("Connect delay", StringComparison.Ordinal) || s.Contains("Error wait", StringComparison.Ordinal), "restarted by the operator");
        Assert.That(restarted.Bgpd, Is.EqualTo(restarted.Bird), restarted.Bird + restarted.Bgpd);
    }
}
