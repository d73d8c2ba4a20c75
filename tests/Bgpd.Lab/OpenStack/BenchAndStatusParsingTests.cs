using Bgpd.LabTool.Bench;
using Bgpd.LabTool.Lab;
using Bgpd.LabTool.Topology;
using NUnit.Framework;

namespace Bgpd.Lab.OpenStack;

/// <summary>Pure pieces of status and bench: session parsing, percentiles, the report's ratio.</summary>
public sealed class BenchAndStatusParsingTests
{
    [Test]
    public void Bgp_rows_of_show_protocols_give_state_and_info()
    {
        const string output = """
            BIRD 1.6.8 ready.
            name     proto    table    state  since       info
            kernel1  Kernel   master   up     04:12:57
            device1  Device   master   up     04:12:57
            compute1 BGP      master   up     04:13:02    Established
            compute2 BGP      master   start  04:13:02    Active        Socket: Connection refused
            """;

        var sessions = Birdc.BgpSessions(output);

        Assert.That(sessions, Is.EqualTo(new Dictionary<string, string>
        {
            ["compute1"] = "up Established",
            ["compute2"] = "start Active Socket: Connection refused",
        }));
    }

    [Test]
    public void Percentiles_use_the_nearest_rank()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();

        var p = Percentiles.Of(samples);

        Assert.That((p.Count, p.P50, p.P99, p.Max), Is.EqualTo((100, 50.0, 99.0, 100.0)));
    }

    [Test]
    public void Report_prints_both_daemons_and_their_ratio()
    {
        var rss = new Dictionary<string, long> { ["controller"] = 2048, ["compute1"] = 1024 };
        var bird = new DaemonFigures(DaemonKind.Bird, Percentiles.Of([1.0, 2.0]), Percentiles.Of([1.0]), rss);
        var bgpd = new DaemonFigures(DaemonKind.Bgpd, Percentiles.Of([2.0, 4.0]), Percentiles.Of([3.0]), rss);

        var report = BenchCommand.Report("t", [(DaemonKind.Bird, bird, null), (DaemonKind.Bgpd, bgpd, null)]);

        Assert.That(report, Does.Contain("ratio bgpd/bird: add p50 2.00x p99 2.00x; remove p50 3.00x p99 3.00x; RSS 1.00x"));
        Assert.That(report, Does.Contain("bird   RSS MiB controller 2.0, per compute avg 1.0 max 1.0, total 3.0"));
    }

    [Test]
    public void Report_names_a_failed_daemon_and_gives_no_ratio()
    {
        var bird = new DaemonFigures(DaemonKind.Bird, Percentiles.Of([1.0]), Percentiles.Of([1.0]), new Dictionary<string, long>());

        var report = BenchCommand.Report("t", [(DaemonKind.Bird, bird, null), (DaemonKind.Bgpd, null, "protocol bgp not supported")]);

        Assert.That(report, Does.Contain("bgpd   FAILED: protocol bgp not supported"));
        Assert.That(report, Does.Contain("ratio bgpd/bird: n/a"));
    }
}
