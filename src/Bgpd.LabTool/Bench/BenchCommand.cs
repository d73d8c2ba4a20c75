using System.Globalization;
using System.Text;
using Bgpd.LabTool.Cli;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Bench;

/// <summary>
/// <c>bgpd-lab bench</c>: convergence figures for each daemon in one run, printed side by side
/// with the ratio bgpd/BIRD. Pair mode by default; <c>--scale NxM</c> for N computes x M VMs.
/// </summary>
public static class BenchCommand
{
    public static int Run(string[] args)
    {
        var a = new Arguments(args, new HashSet<string> { "--daemons", "--vms", "--scale", "--topology" }, new HashSet<string> { "--warm" });
        var daemons = (a.Value("--daemons") ?? "bird,bgpd").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => TopologyLoader.ParseDaemon(d) ?? throw new LabException($"--daemons: '{d}' is not bird or bgpd"))
            .Distinct().ToList();
        var results = new List<(DaemonKind Daemon, DaemonFigures? Figures, string? Failure)>();
        string title;
        Func<DaemonKind, DaemonFigures> measure;
        if (a.Value("--scale") is { } scale)
        {
            var parts = scale.Split('x');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var n) || !int.TryParse(parts[1], out var m) || m < 1 || n * m > 200_000)
            {
                throw new LabException("--scale must be NxM, e.g. 20x50");
            }

            var warm = a.Flag("--warm");
            title = $"scale: {n} computes x {m} VMs, all routes added in one burst then removed{(warm ? " (after one unmeasured round)" : "")}; per route: send -> last other compute's kernel";
            measure = d => ScaleBench.Run(n, m, d, Console.Error.WriteLine, warm);
        }
        else
        {
            var vms = int.Parse(a.Value("--vms") ?? "100", CultureInfo.InvariantCulture);
            var seed = TopologyLoader.Load(a.Value("--topology") ?? LabCommandLine.DefaultTopologyPath());
            title = $"pair: {vms} VMs one at a time; Felix's route add/del on {seed.Computes.First().Name} -> route in/out of {seed.Computes.Skip(1).First().Name}'s kernel";
            measure = d => PairBench.Run(seed, d, vms, Console.Error.WriteLine);
        }

        foreach (var daemon in daemons)
        {
            try
            {
                results.Add((daemon, measure(daemon), null));
            }
            catch (LabException e)
            {
                results.Add((daemon, null, e.Message));
            }
        }

        Console.Out.Write(Report(title, results));
        return results.Any(r => r.Failure is not null) ? 1 : 0;
    }

    public static string Report(string title, IReadOnlyList<(DaemonKind Daemon, DaemonFigures? Figures, string? Failure)> results)
    {
        var text = new StringBuilder();
        text.AppendLine(title);
        text.AppendLine(CultureInfo.InvariantCulture, $"{"daemon",-7}{"phase",-8}{"p50 ms",10}{"p99 ms",10}{"max ms",10}{"n",6}{"whole ms",11}");
        foreach (var (daemon, figures, failure) in results)
        {
            var name = Name(daemon);
            if (figures is null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{name,-7}FAILED: {failure}");
                continue;
            }

            Row(text, name, "add", figures.Add, figures.AddAll);
            Row(text, name, "remove", figures.Remove, figures.RemoveAll);
            var rss = figures.RssKilobytes;
            var computes = rss.Where(r => r.Key != "controller").Select(r => r.Value / 1024.0).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{name,-7}RSS MiB controller {rss.GetValueOrDefault("controller") / 1024.0:0.0}, per compute avg {computes.DefaultIfEmpty().Average():0.0} max {computes.DefaultIfEmpty().Max():0.0}, total {rss.Values.Sum() / 1024.0:0.0}");
            foreach (var line in figures.Cost?.Lines(name) ?? [])
            {
                text.AppendLine(line);
            }
        }

        var bird = results.FirstOrDefault(r => r.Daemon == DaemonKind.Bird).Figures;
        var bgpd = results.FirstOrDefault(r => r.Daemon == DaemonKind.Bgpd).Figures;
        if (bird is not null && bgpd is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"ratio bgpd/bird: add p50 {bgpd.Add.P50 / bird.Add.P50:0.00}x p99 {bgpd.Add.P99 / bird.Add.P99:0.00}x; " +
                $"remove p50 {bgpd.Remove.P50 / bird.Remove.P50:0.00}x p99 {bgpd.Remove.P99 / bird.Remove.P99:0.00}x; " +
                $"RSS {bgpd.RssKilobytes.Values.Sum() / (double)Math.Max(1, bird.RssKilobytes.Values.Sum()):0.00}x");
        }
        else if (results.Count > 1)
        {
            text.AppendLine("ratio bgpd/bird: n/a (both daemons must complete)");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, string phase, Percentiles p, TimeSpan? whole) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{name,-7}{phase,-8}{p.P50,10:0.000}{p.P99,10:0.000}{p.Max,10:0.000}{p.Count,6}{(whole is { } w ? w.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) : "-"),11}");

    private static string Name(DaemonKind daemon) => daemon == DaemonKind.Bird ? "bird" : "bgpd";
}
