using System.Diagnostics;
using System.Net;
using System.Text;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Lab;

/// <summary>Operations on a lab that is up: status, VMs coming and going, commands on a node.</summary>
public static class LabOperations
{
    /// <summary>The lab to act on: the one named, or the only one up.</summary>
    public static string ResolveLab(string? lab)
    {
        if (lab is not null)
        {
            return lab;
        }

        var labs = LabState.KnownLabs();
        return labs.Count switch
        {
            1 => labs[0],
            0 => throw new LabException("no lab is up (run 'bgpd-lab up')"),
            _ => throw new LabException($"several labs are up ({string.Join(", ", labs)}): pass --lab NAME"),
        };
    }

    public static string Status(string lab)
    {
        var state = LabState.Load(lab);
        var topology = state.Topology();
        var text = new StringBuilder();
        text.AppendLine($"lab {lab}: AS {topology.AutonomousSystem}, link {topology.Link.InterfaceName} {topology.Link.Subnet}");
        foreach (var node in topology.Nodes)
        {
            var ns = LabNames.Namespace(lab, node.Name);
            var daemon = state.Daemons.FirstOrDefault(d => d.Node == node.Name);
            var alive = daemon is not null && DaemonProcess.IsAlive(daemon);
            var role = node.Role == NodeRole.Compute ? "compute" : "route-reflector";
            text.AppendLine($"{node.Name,-12} {role,-15} {node.Address,-15} ns {(Netns.Exists(ns) ? "present" : "MISSING")}  " +
                $"{daemon?.Kind ?? "-"} {(alive ? $"running (pid {daemon!.Pid})" : "NOT RUNNING")}");
            if (alive)
            {
                var protocols = Birdc.Query(lab, node.Name, "show protocols");
                foreach (var (name, session) in Birdc.BgpSessions(protocols.StandardOutput))
                {
                    text.AppendLine($"    bgp {name,-12} {session}");
                }
            }

            foreach (var vm in node.Vms)
            {
                text.AppendLine($"    vm {vm.Name,-10} {vm.Address,-15} tap {LabNames.Tap(vm.Name)}  ns {(Netns.Exists(LabNames.Namespace(lab, vm.Name)) ? "present" : "MISSING")}");
            }
        }

        return text.ToString();
    }

    /// <summary>Reports whether every BGP session on every running node is Established.</summary>
    public static bool AllSessionsEstablished(string lab)
    {
        var state = LabState.Load(lab);
        var topology = state.Topology();
        foreach (var node in topology.Nodes)
        {
            var sessions = Birdc.BgpSessions(Birdc.Query(lab, node.Name, "show protocols").StandardOutput);
            var expected = node.Role == NodeRole.Compute ? 1 : topology.Computes.Count();
            if (sessions.Count != expected || sessions.Values.Any(s => !s.Contains("Established", StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Waits (bounded) until every session is Established.</summary>
    public static void WaitEstablished(string lab, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!AllSessionsEstablished(lab))
        {
            var dead = LabState.Load(lab).Daemons.Where(d => !DaemonProcess.IsAlive(d))
                .Select(d => $"--- {d.Kind} on {d.Node} exited; its log ends:\n{DaemonProcess.LogTail(lab, d.Node)}").ToList();
            if (clock.Elapsed > timeout || dead.Count > 0)
            {
                throw new LabException($"BGP sessions of lab '{lab}' not all Established after {clock.Elapsed.TotalSeconds:0} s:\n{Status(lab)}{string.Join('\n', dead)}");
            }

            Thread.Sleep(100);
        }
    }

    public static void AddVm(string lab, string computeName, string vmName, string ip)
    {
        var state = LabState.Load(lab);
        var topology = state.Topology();
        var compute = topology.Node(computeName);
        if (compute.Role != NodeRole.Compute)
        {
            throw new LabException($"{computeName} is not a compute node");
        }

        var names = new HashSet<string>(topology.Nodes.Select(n => n.Name).Concat(topology.Nodes.SelectMany(n => n.Vms).Select(v => v.Name))) { "link" };
        TopologyLoader.CheckName(vmName, "vm name", names, m => new LabException(m));
        if (!IPAddress.TryParse(ip, out var address) || !topology.Networks.Any(n => n.Cidr.Contains(address))
            || topology.Nodes.SelectMany(n => n.Vms).Any(v => v.Address.Equals(address)))
        {
            throw new LabException($"'{ip}' must be a free IPv4 address inside one of the networks ({string.Join(", ", topology.Networks.Select(n => n.Cidr))})");
        }

        var vm = new VmSpec(vmName, address);
        var updated = Replace(topology, compute with { Vms = [.. compute.Vms, vm] });
        state.SetTopology(updated); // Recorded before it exists, so a failure half-way is still swept.
        state.Save(lab);
        Felix.AddVm(updated, compute, vm);
    }

    public static void RemoveVm(string lab, string computeName, string vmName)
    {
        var state = LabState.Load(lab);
        var topology = state.Topology();
        var compute = topology.Node(computeName);
        var vm = compute.Vms.FirstOrDefault(v => v.Name == vmName)
            ?? throw new LabException($"no vm '{vmName}' on {computeName}");
        Felix.RemoveVm(topology, compute, vm);
        state.SetTopology(Replace(topology, compute with { Vms = compute.Vms.Where(v => v != vm).ToList() }));
        state.Save(lab);
    }

    /// <summary>
    /// The argv that runs a command in a node's or VM's namespace; birdc/birdcl/bgpc get the node's
    /// control socket unless the command names one.
    /// </summary>
    public static IReadOnlyList<string> ExecArgv(string lab, string target, IReadOnlyList<string> command)
    {
        var ns = LabNames.Namespace(lab, target);
        if (!Netns.Exists(ns))
        {
            throw new LabException($"no node or vm '{target}' in lab '{lab}' (namespace {ns} is missing)");
        }

        if (command.Count == 0)
        {
            throw new LabException("exec needs a command after --");
        }

        var argv = new List<string> { "ip", "netns", "exec", ns, command[0] };
        var isClient = Path.GetFileName(command[0]) is "birdc" or "birdcl" or "bgpc";
        if (isClient && !command.Contains("-s"))
        {
            argv.AddRange(["-s", LabNames.ControlSocket(lab, target)]);
        }

        argv.AddRange(command.Skip(1));
        return argv;
    }

    private static LabTopology Replace(LabTopology topology, NodeSpec node) =>
        topology with { Nodes = topology.Nodes.Select(n => n.Name == node.Name ? node : n).ToList() };
}
