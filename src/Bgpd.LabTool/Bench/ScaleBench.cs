using System.Diagnostics;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Bench;

/// <summary>
/// N computes with M VMs each behind one route reflector: all N x M routes added in one burst, then
/// removed in one burst. Per route, latency runs from its send to its arrival in the last other
/// compute's kernel; the whole phase, from the first send to the last arrival.
/// </summary>
public static class ScaleBench
{
    public static LabTopology Topology(int computes, uint asNumber)
    {
        if (computes is < 2 or > 1000)
        {
            throw new LabException("scale mode needs 2..1000 computes");
        }

        Ipv4Cidr.TryParse("2.1.0.0/16", out var subnet);
        var nodes = new List<NodeSpec> { new("controller", NodeRole.RouteReflector, Ipv4Cidr.FromUInt(subnet.Network + 0xFF00 + 254), DaemonKind.Bird, []) };
        for (var i = 0; i < computes; i++)
        {
            var address = subnet.Network + (uint)(((1 + (i / 250)) << 8) + 1 + (i % 250));
            nodes.Add(new NodeSpec($"compute{i + 1}", NodeRole.Compute, Ipv4Cidr.FromUInt(address), DaemonKind.Bird, []));
        }

        return new LabTopology("scale", asNumber, new LinkSpec("vxlan21", subnet), [], nodes, TopologyLoader.FelixNormalRouteMetric);
    }

    public static DaemonFigures Run(int computes, int vmsPerCompute, DaemonKind daemon, Action<string> progress, bool warm = false)
    {
        using var lab = BenchLab.Up(Topology(computes, 99), daemon, progress);
        var nodes = lab.Topology.Computes.ToList();
        var metric = lab.Topology.VmRouteMetric;
        var felix = nodes.Select(n => NetlinkSocket.Open(lab.Namespace(n), 0)).ToList();
        var monitors = nodes.Select(n => new RouteMonitor(lab.Namespace(n))).ToList();
        try
        {
            var timeout = TimeSpan.FromSeconds(60 + (computes * vmsPerCompute / 20));
            if (warm)
            {
                // The first routes through fresh daemons pay one-time costs (bgpd: JIT); measure the second round.
                var (_, firstAdd) = Phase(NetlinkSocket.RtmNewRoute, m => m.Added, lab, felix, monitors, vmsPerCompute, metric, timeout);
                var (_, firstRemove) = Phase(NetlinkSocket.RtmDelRoute, m => m.Removed, lab, felix, monitors, vmsPerCompute, metric, timeout);
                progress($"bench: first round (not counted): add whole {firstAdd.TotalMilliseconds:0} ms, remove whole {firstRemove.TotalMilliseconds:0} ms");
            }
            var (add, addAll) = Phase(NetlinkSocket.RtmNewRoute, m => m.Added, lab, felix, monitors, vmsPerCompute, metric, timeout);
            var rss = lab.ResidentKilobytes();
            var (remove, removeAll) = Phase(NetlinkSocket.RtmDelRoute, m => m.Removed, lab, felix, monitors, vmsPerCompute, metric, timeout);
            lab.CheckDaemonsAlive();
            return new DaemonFigures(daemon, add, remove, rss, addAll, removeAll);
        }
        finally
        {
            monitors.ForEach(m => m.Dispose());
            felix.ForEach(f => f.Dispose());
        }
    }

    private static (Percentiles PerRoute, TimeSpan Whole) Phase(
        ushort messageType,
        Func<RouteMonitor, System.Collections.Concurrent.ConcurrentDictionary<uint, long>> seen,
        BenchLab lab,
        List<NetlinkSocket> felix,
        List<RouteMonitor> monitors,
        int vmsPerCompute,
        uint metric,
        TimeSpan timeout)
    {
        var computes = felix.Count;
        var sent = new long[computes * vmsPerCompute];
        monitors.ForEach(m => m.Reset()); // Only what follows this phase's sends counts.
        var nodes = lab.Topology.Computes.ToList();
        for (var j = 0; j < vmsPerCompute; j++)
        {
            for (var c = 0; c < computes; c++)
            {
                var k = (c * vmsPerCompute) + j;
                sent[k] = Stopwatch.GetTimestamp();
                felix[c].SendHostRoute(messageType, BenchLab.VmAddress(k), lab.TapIndex[nodes[c].Name], metric);
            }
        }

        for (var c = 0; c < computes; c++)
        {
            if (felix[c].DrainAcks(vmsPerCompute, TimeSpan.FromSeconds(10)) > 0)
            {
                throw new LabException($"the kernel of {nodes[c].Name} refused some bench routes");
            }
        }

        var expected = (computes - 1) * vmsPerCompute;
        foreach (var monitor in monitors)
        {
            if (!monitor.WaitUntil(m => seen(m).Count >= expected, timeout))
            {
                lab.CheckDaemonsAlive();
                throw new LabException($"{monitor.Namespace} saw {seen(monitor).Count} of {expected} routes within {timeout.TotalSeconds:0} s");
            }
        }

        var latencies = new List<double>();
        long last = 0;
        for (var k = 0; k < sent.Length; k++)
        {
            var owner = k / vmsPerCompute;
            var arrival = monitors.Where((_, c) => c != owner).Max(m => seen(m)[BenchLab.VmAddress(k)]);
            last = Math.Max(last, arrival);
            latencies.Add(Stopwatch.GetElapsedTime(sent[k], arrival).TotalMilliseconds);
        }

        return (Percentiles.Of(latencies), Stopwatch.GetElapsedTime(sent.Min(), last));
    }
}
