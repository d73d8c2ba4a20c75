using System.Globalization;

namespace Bgpd.LabTool.Bench;

/// <summary>
/// What a process has spent so far, from /proc: CPU time of all its threads (schedstat, nanoseconds),
/// context switches (voluntary + involuntary, all threads) and minor page faults. The difference of two
/// snapshots around a bench phase, divided by its routes, is a daemon's cost per route: less sensitive to
/// the machine's load than latency, and read the same way for BIRD and bgpd (this VM has no PMU counters,
/// so no instruction counts).
/// </summary>
public readonly record struct ProcessCost(long CpuNanoseconds, long ContextSwitches, long MinorFaults)
{
    public static ProcessCost operator -(ProcessCost a, ProcessCost b) =>
        new(a.CpuNanoseconds - b.CpuNanoseconds, a.ContextSwitches - b.ContextSwitches, a.MinorFaults - b.MinorFaults);

    /// <summary>The process's totals now; zero when it is gone (a thread that exits between listing and reading is skipped).</summary>
    public static ProcessCost Read(int pid)
    {
        long cpu = 0, switches = 0;
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            return default;
        }

        foreach (var task in tasks)
        {
            try
            {
                // schedstat: time on CPU (ns), time waiting to run (ns), timeslices.
                cpu += long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        switches += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return new ProcessCost(cpu, switches, MinorFaultsOf(pid));
    }

    // /proc/PID/stat field 10 (minflt), counted after the parenthesised command name, which may hold spaces.
    private static long MinorFaultsOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}

/// <summary>Per node: what its daemon spent on each route of the add and the remove phase.</summary>
public sealed record RouteCost(IReadOnlyDictionary<string, ProcessCost> Add, IReadOnlyDictionary<string, ProcessCost> Remove, int Routes)
{
    /// <summary>One line per phase: CPU µs, context switches and minor faults per route, per node.</summary>
    public IEnumerable<string> Lines(string daemon)
    {
        foreach (var (phase, costs) in new[] { ("add", Add), ("remove", Remove) })
        {
            var nodes = string.Join("  ", costs.OrderBy(c => c.Key == "controller" ? 1 : 0).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c =>
                string.Create(CultureInfo.InvariantCulture,
                    $"{c.Key} {c.Value.CpuNanoseconds / 1000.0 / Routes:0.0} us {c.Value.ContextSwitches / (double)Routes:0.0} cs {c.Value.MinorFaults / (double)Routes:0.00} pf")));
            yield return $"{daemon,-7}{phase,-7} per route: {nodes}";
        }
    }
}
