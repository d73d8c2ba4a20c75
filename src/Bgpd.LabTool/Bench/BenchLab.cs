using System.Globalization;
using System.Net;
using Bgpd.LabTool.Lab;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Bench;

/// <summary>
/// A lab brought up for measuring: every node on one daemon, VMs replaced by a bench tap per
/// compute on which Felix-style /32 routes are added and removed through netlink.
/// </summary>
public sealed class BenchLab : IDisposable
{
    public const string BenchTap = "tapbench0";
    private const string BenchPeer = "vmbench0";

    /// <summary>Bench VM addresses: 10.80.0.1 upward.</summary>
    public static uint VmAddress(int index) => Ipv4Cidr.ToUInt(IPAddress.Parse("10.80.0.0")) + (uint)index + 1;

    private BenchLab(LabTopology topology) => Topology = topology;

    public LabTopology Topology { get; }

    public Dictionary<string, int> TapIndex { get; } = new(StringComparer.Ordinal);

    public static BenchLab Up(LabTopology topology, DaemonKind daemon, Action<string> progress)
    {
        var all = topology.Nodes.ToDictionary(n => n.Name, _ => daemon);
        var t = topology.WithDaemons(all) with { Nodes = topology.WithDaemons(all).Nodes.Select(n => n with { Vms = [] }).ToList() };
        LabDown.Down(t.Name);
        var lab = new BenchLab(t);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            LabUp.Up(t);
            progress($"{t.Name}: namespaces and daemons up in {clock.Elapsed.TotalSeconds:0.0} s");
            LabOperations.WaitEstablished(t.Name, TimeSpan.FromSeconds(60 + (2 * t.Nodes.Count)));
            foreach (var compute in t.Computes)
            {
                var ns = LabNames.Namespace(t.Name, compute.Name);
                Netns.Ip(ns, "link", "add", BenchTap, "type", "veth", "peer", "name", BenchPeer);
                Netns.Ip(ns, "link", "set", BenchPeer, "up");
                Netns.Ip(ns, "link", "set", BenchTap, "up");
                var line = Netns.Ip(ns, "-o", "link", "show", BenchTap).StandardOutput;
                lab.TapIndex[compute.Name] = int.Parse(line[..line.IndexOf(':')], CultureInfo.InvariantCulture);
            }

            progress($"{t.Name}: {t.Nodes.Count} nodes on {daemon.ToString().ToLowerInvariant()}, sessions Established after {clock.Elapsed.TotalSeconds:0.0} s");
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    public string Namespace(NodeSpec node) => LabNames.Namespace(Topology.Name, node.Name);

    /// <summary>Resident memory of each node's daemon, in KiB.</summary>
    public IReadOnlyDictionary<string, long> ResidentKilobytes()
    {
        var state = LabState.Load(Topology.Name);
        return state.Daemons.ToDictionary(d => d.Node, d => DaemonProcess.IsAlive(d) ? DaemonProcess.ResidentKilobytes(d.Pid) : 0);
    }

    /// <summary>What each node's daemon has spent so far (CPU, context switches, page faults).</summary>
    public IReadOnlyDictionary<string, ProcessCost> Costs() =>
        LabState.Load(Topology.Name).Daemons.ToDictionary(d => d.Node, d => ProcessCost.Read(d.Pid));

    /// <summary>The change in each node's spending since <paramref name="before"/>.</summary>
    public IReadOnlyDictionary<string, ProcessCost> CostsSince(IReadOnlyDictionary<string, ProcessCost> before) =>
        Costs().ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key));

    /// <summary>Throws if any daemon died while measuring.</summary>
    public void CheckDaemonsAlive()
    {
        foreach (var daemon in LabState.Load(Topology.Name).Daemons.Where(d => !DaemonProcess.IsAlive(d)))
        {
            throw new LabException($"{daemon.Kind} on {daemon.Node} died:\n{DaemonProcess.LogTail(Topology.Name, daemon.Node)}");
        }
    }

    public void Dispose()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        LabDown.Down(Topology.Name);
        Console.Error.WriteLine($"{Topology.Name}: down in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
