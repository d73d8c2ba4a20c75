using System.Diagnostics;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Bench;

/// <summary>Figures for one daemon: add and remove latency, and each node's memory.</summary>
public sealed record DaemonFigures(DaemonKind Daemon, Percentiles Add, Percentiles Remove, IReadOnlyDictionary<string, long> RssKilobytes, TimeSpan? AddAll = null, TimeSpan? RemoveAll = null, RouteCost? Cost = null);

/// <summary>
/// Convergence between two computes: Felix's route added on the first compute (netlink, timestamp
/// just before the send) until the route appears in the second compute's kernel (netlink multicast,
/// timestamp on receipt), one VM at a time; then the same for removal.
/// </summary>
public static class PairBench
{
    private static readonly TimeSpan PerRouteTimeout = TimeSpan.FromSeconds(10);
    private const int WarmUp = 3;

    public static DaemonFigures Run(LabTopology seed, DaemonKind daemon, int vms, Action<string> progress)
    {
        using var lab = BenchLab.Up(seed.WithName("bench"), daemon, progress);
        var computes = lab.Topology.Computes.ToList();
        if (computes.Count < 2)
        {
            throw new LabException("the pair bench needs two compute nodes");
        }

        var (source, observer) = (computes[0], computes[1]);
        var metric = lab.Topology.VmRouteMetric;
        var tap = lab.TapIndex[source.Name];
        using var felix = NetlinkSocket.Open(lab.Namespace(source), 0);
        using var monitor = new RouteMonitor(lab.Namespace(observer));
        using var trace = BenchTrace.StartIfRequested(lab.Namespace(lab.Topology.RouteReflector), daemon.ToString().ToLowerInvariant());

        var addLatencies = new List<double>();
        var removeLatencies = new List<double>();
        IReadOnlyDictionary<string, ProcessCost> spent = new Dictionary<string, ProcessCost>();
        for (var i = 0; i < vms + WarmUp; i++)
        {
            if (i == WarmUp)
            {
                spent = lab.Costs();
            }

            var address = BenchLab.VmAddress(i);
            monitor.Added.TryRemove(address, out _); // Only what follows this send counts.
            var t0 = Stopwatch.GetTimestamp();
            felix.AddHostRoute(address, tap, metric);
            Wait(monitor, m => m.Added.ContainsKey(address), lab, $"route {Ipv4Cidr.FromUInt(address)} to reach {observer.Name}");
            trace?.Route("add", address, t0, monitor.Added[address]);
            if (i >= WarmUp)
            {
                addLatencies.Add(Stopwatch.GetElapsedTime(t0, monitor.Added[address]).TotalMilliseconds);
            }
        }

        var addCost = lab.CostsSince(spent);
        var rss = lab.ResidentKilobytes();
        for (var i = 0; i < vms + WarmUp; i++)
        {
            if (i == WarmUp)
            {
                spent = lab.Costs();
            }

            var address = BenchLab.VmAddress(i);
            monitor.Removed.TryRemove(address, out _); // A daemon may replace a route by delete + add earlier.
            var t0 = Stopwatch.GetTimestamp();
            felix.DeleteHostRoute(address, tap, metric);
            Wait(monitor, m => m.Removed.ContainsKey(address), lab, $"withdrawal of {Ipv4Cidr.FromUInt(address)} at {observer.Name}");
            trace?.Route("remove", address, t0, monitor.Removed[address]);
            if (i >= WarmUp)
            {
                removeLatencies.Add(Stopwatch.GetElapsedTime(t0, monitor.Removed[address]).TotalMilliseconds);
            }
        }

        var removeCost = lab.CostsSince(spent);
        lab.CheckDaemonsAlive();
        return new DaemonFigures(daemon, Percentiles.Of(addLatencies), Percentiles.Of(removeLatencies), rss, Cost: new RouteCost(addCost, removeCost, vms));
    }

    private static void Wait(RouteMonitor monitor, Func<RouteMonitor, bool> done, BenchLab lab, string what)
    {
        if (!monitor.WaitUntil(done, PerRouteTimeout))
        {
            lab.CheckDaemonsAlive();
            throw new LabException($"timed out after {PerRouteTimeout.TotalSeconds:0} s waiting for {what}");
        }
    }
}
