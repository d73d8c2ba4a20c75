using Bgpd.Tests.Support;

namespace Bgpd.Tests.EndToEnd;

/// <summary>
/// `bird -d` with `debug { ... }` switches, Debug's bird 1.6.8 and bgpd on one config through the same
/// steps: the stderr lines (`bird: s1: State changed to up`, `bird: s1 &gt; added [best] ...`) must be
/// the same lines, and each protocol's own lines in the same order. BIRD interleaves protocols by its
/// event loop and walks tables in hash order, so the whole stream is compared as a multiset.
/// </summary>
[NonParallelizable]
public class DebugTraceSideBySideTests
{
    const string Config = """
        router id 10.0.0.1;
        filter only_tens { if net ~ [ 10.0.0.0/8+ ] then accept; reject; }
        protocol static s1 {
          debug { states, routes, filters };
          import filter only_tens;
          route 10.1.0.0/16 blackhole;
          route 192.168.0.0/16 unreachable;
          route 10.2.0.0/16 prohibit;
        }
        protocol static s2 { debug { states, routes }; route 10.1.0.0/16 unreachable; }
        protocol static s3 { debug { states }; route 10.3.0.0/16 unreachable; }
        protocol static s4 { route 10.4.0.0/16 unreachable; }
        """;

    [Test]
    public void Debug_lines_under_minus_d_are_birds()
    {
        using var dir = new TempDir();
        var conf = dir.Write("bird.conf", Config);
        var birdLines = RunBird(conf, Path.Combine(dir.Path, "bird.ctl"));

        string[] ourLines;
        using (var bgpd = BgpdProcess.Start(Config, "-d"))
        {
            Steps(bgpd.SocketPath);
            Assert.That(bgpd.Process.WaitForExit(15000), Is.True, "bgpd did not exit on `down`");
            bgpd.Process.WaitForExit();
            ourLines = Lines(bgpd.Stderr);
        }

        Assert.Multiple(() =>
        {
            Assert.That(ourLines.Order(StringComparer.Ordinal), Is.EqualTo(birdLines.Order(StringComparer.Ordinal)));
            foreach (var p in new[] { "s1", "s2", "s3" })
                Assert.That(StateLines(ourLines, p), Is.EqualTo(StateLines(birdLines, p)), $"order of {p}'s state lines");
            Assert.That(ourLines, Does.Contain("bird: s3: State changed to up"));
            Assert.That(ourLines.Where(l => l.Contains("s4", StringComparison.Ordinal)), Is.Empty, "s4 has no debug switches");
        });
    }

    static string[] RunBird(string conf, string socket)
    {
        using var bird = BirdDaemon.Start(conf, socket, "-d");
        Steps(socket);
        Assert.That(bird.Process.WaitForExit(15000), Is.True, "bird did not exit on `down`");
        bird.Process.WaitForExit();
        return Lines(bird.Stderr);
    }

    /// <summary>Both daemons go through: start, wait until every protocol is up, disable s1, down.</summary>
    static void Steps(string socket)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && Birdc.Run(socket, "show protocols").Split('\n').Count(l => l.Contains(" up ", StringComparison.Ordinal)) < 4)
            Thread.Sleep(50);
        Birdc.Run(socket, "disable", "s1");
        Birdc.Run(socket, "down");
    }

    static string[] Lines(string stderr) => stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    static string[] StateLines(IEnumerable<string> lines, string protocol) =>
        lines.Where(l => l.StartsWith($"bird: {protocol}: ", StringComparison.Ordinal)).ToArray();
}
