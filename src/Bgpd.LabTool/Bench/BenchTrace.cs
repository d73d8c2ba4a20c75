using System.Diagnostics;
using System.Globalization;
using Bgpd.LabTool.Interop;
using Bgpd.LabTool.Shell;

namespace Bgpd.LabTool.Bench;

/// <summary>
/// Per-hop evidence for the pair bench, on when <c>BGPD_LAB_BENCH_TRACE=DIR</c> is set: a tcpdump of
/// the BGP sessions in the route reflector's namespace (DIR/DAEMON.pcap) and each route's send and
/// arrival times (DIR/DAEMON.routes), both on the wall clock so bench/convergence/hops.py can put
/// the UPDATEs between them. Off (and free) otherwise.
/// </summary>
public sealed class BenchTrace : IDisposable
{
    private readonly Process _tcpdump;
    private readonly StreamWriter _routes;
    // Wall-clock nanoseconds at Stopwatch timestamp 0, taken once (both clocks run at the same rate over a run).
    private readonly long _wallAtZeroNs;

    private BenchTrace(Process tcpdump, StreamWriter routes)
    {
        _tcpdump = tcpdump;
        _routes = routes;
        // DateTime.UtcNow may be a coarse clock (ms steps): read CLOCK_REALTIME itself, between two monotonic reads.
        var before = Stopwatch.GetTimestamp();
        var wallNs = Now(Native.ClockRealtime);
        var after = Stopwatch.GetTimestamp();
        _wallAtZeroNs = wallNs - ((SinceBoot(before) + SinceBoot(after)) / 2);
    }

    public static BenchTrace? StartIfRequested(string routeReflectorNamespace, string daemon)
    {
        if (Environment.GetEnvironmentVariable("BGPD_LAB_BENCH_TRACE") is not { Length: > 0 } directory)
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        var pcap = Path.Combine(directory, daemon + ".pcap");
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", routeReflectorNamespace, "tcpdump", "-i", "any", "-n", "-U", "-s", "512",
                     "--time-stamp-precision=nano", "-w", pcap, "tcp", "port", "179" })
        {
            info.ArgumentList.Add(argument);
        }

        var tcpdump = Process.Start(info) ?? throw new LabException("cannot start tcpdump");
        // tcpdump says "listening on" once its capture is open; nothing sent before then is seen.
        string? line;
        while ((line = tcpdump.StandardError.ReadLine()) is not null && !line.Contains("listening", StringComparison.Ordinal))
        {
        }

        if (line is null)
        {
            throw new LabException("tcpdump did not start");
        }

        tcpdump.StandardError.BaseStream.CopyToAsync(Stream.Null);
        return new BenchTrace(tcpdump, new StreamWriter(Path.Combine(directory, daemon + ".routes")));
    }

    /// <summary>One route's send and arrival (Stopwatch timestamps), as wall-clock nanoseconds and as
    /// CLOCK_MONOTONIC nanoseconds (the clock of bgpd's BGPD_LATENCY_TRACE marks).</summary>
    public void Route(string phase, uint address, long sent, long arrived) =>
        _routes.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase} {address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255} {Wall(sent)} {Wall(arrived)} {SinceBoot(sent)} {SinceBoot(arrived)}"));

    private long Wall(long stopwatch) => _wallAtZeroNs + SinceBoot(stopwatch);

    private static unsafe long Now(int clock)
    {
        Native.Timespec time;
        Native.ClockGetTime(clock, &time);
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    private static long SinceBoot(long stopwatch) => (long)(stopwatch * (1e9 / Stopwatch.Frequency));

    public void Dispose()
    {
        _routes.Dispose();
        // libpcap hands packets over in blocks, a block at the latest after its 1 s timeout; a stop before
        // then loses the last block. (Immediate mode would wake tcpdump per packet, beside the daemons.)
        Thread.Sleep(1500);
        Command.Run("kill", "-INT", _tcpdump.Id.ToString(CultureInfo.InvariantCulture));
        if (!_tcpdump.WaitForExit(5000))
        {
            _tcpdump.Kill();
        }

        _tcpdump.Dispose();
    }
}
