using System.Diagnostics;
using System.Globalization;
using Bgpd.Net;

namespace Bgpd.Rib.Diagnostics;

/// <summary>Where on its way through the daemon a route was seen (see <see cref="LatencyTrace"/>).</summary>
public enum TracePoint : byte
{
    /// <summary>The netlink reader thread received the datagram announcing a kernel route change.</summary>
    KernelEventRead,
    /// <summary>The kernel protocol hands the learned change to its table (on the loop).</summary>
    KernelLearned,
    /// <summary>A BGP protocol's export hook took the change.</summary>
    BgpExport,
    /// <summary>The UPDATE carrying the prefix was handed to the socket.</summary>
    BgpSent,
    /// <summary>The socket read that brought the UPDATE returned.</summary>
    BgpRead,
    /// <summary>The UPDATE's prefix is being put into the table (on the loop).</summary>
    BgpImport,
    /// <summary>The kernel protocol's export hook took the change.</summary>
    KernelExport,
    /// <summary>The kernel protocol starts writing its pending requests (one send, then the ACKs are read).</summary>
    KernelFlush,
    /// <summary>The kernel's ACK for the request was read.</summary>
    KernelAcked,
}

/// <summary>
/// Timestamps of a route's way through the daemon, for finding where convergence time goes. On only when
/// <c>BGPD_LATENCY_TRACE=PATH</c> is set: marks go to a preallocated array (no allocation, no lock) and are
/// written to PATH.PID at exit, one line per mark: CLOCK_MONOTONIC nanoseconds (the clock every process
/// shares, so marks of several daemons and of the bench line up), point, prefix. Off, a mark is one
/// static bool test.
/// </summary>
public static class LatencyTrace
{
    private const int Capacity = 1 << 20;

    private readonly record struct Mark(long Timestamp, TracePoint Point, Prefix Prefix);

    /// <summary>True when tracing was asked for at start-up.</summary>
    public static readonly bool Enabled;
    private static readonly string? Path;
    private static readonly Mark[] Marks = [];
    private static int _count;

    [ThreadStatic] private static long _readTimestamp;

    static LatencyTrace()
    {
        Path = Environment.GetEnvironmentVariable("BGPD_LATENCY_TRACE");
        if (string.IsNullOrEmpty(Path)) return;
        Marks = new Mark[Capacity];
        Enabled = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Write();
    }

    /// <summary>Records that <paramref name="prefix"/> passed <paramref name="point"/> now (or at <paramref name="timestamp"/>).</summary>
    public static void Record(TracePoint point, Prefix prefix, long timestamp = 0)
    {
        if (!Enabled) return;
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < Marks.Length) Marks[index] = new Mark(timestamp == 0 ? Stopwatch.GetTimestamp() : timestamp, point, prefix);
    }

    /// <summary>Remembers, for this thread, when the socket read being processed returned.</summary>
    public static void ReadReturned()
    {
        if (Enabled) _readTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>When the last socket read of this thread returned (0 if none).</summary>
    public static long LastRead => _readTimestamp;

    private static void Write()
    {
        var count = Math.Min(Volatile.Read(ref _count), Marks.Length);
        using var output = new StreamWriter($"{Path}.{Environment.ProcessId}");
        var toNanoseconds = 1e9 / Stopwatch.Frequency;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# gc0 {GC.CollectionCount(0)} gc1 {GC.CollectionCount(1)} gc2 {GC.CollectionCount(2)} pause_ms {GC.GetTotalPauseDuration().TotalMilliseconds:0.0} allocated {GC.GetTotalAllocatedBytes()}"));
        for (var i = 0; i < count; i++)
        {
            var mark = Marks[i];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(long)(mark.Timestamp * toNanoseconds)} {mark.Point} {mark.Prefix}"));
        }
    }
}
