using System.Net;
using System.Text.RegularExpressions;
using Bgpd.LabTool.Lab;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.Lab.OpenStack;

/// <summary>Looks into a running lab the way an operator does: ping, birdc, ip route.</summary>
public sealed class LabProbe(LabTopology topology)
{
    public string Lab => topology.Name;

    public (bool Ok, string Explanation) Ping(string fromVm, IPAddress to)
    {
        var result = Command.Run("ip", ["netns", "exec", LabNames.Namespace(Lab, fromVm), "ping", "-c", "1", "-W", "1", to.ToString()], TimeSpan.FromSeconds(5));
        return (result.Succeeded, $"ping {fromVm} -> {to}: {result.StandardOutput.Trim()} {result.StandardError.Trim()}");
    }

    /// <summary>The block for NET/32 in <c>birdc show route all</c> on a node (the whole table, as operators read it).</summary>
    public string ShowRouteAll(string node, IPAddress address)
    {
        var lines = Birdc.Query(Lab, node, "show route all").StandardOutput.Split('\n');
        var block = lines.SkipWhile(l => !l.StartsWith($"{address}/32 ", StringComparison.Ordinal))
            .TakeWhile((l, i) => i == 0 || l.StartsWith('\t') || (l.StartsWith(' ') && l.TrimStart().Length > 0));
        return string.Join('\n', block) + "\n";
    }

    public string ShowRoute(string node) => Birdc.Query(Lab, node, "show route").StandardOutput;

    public string KernelRoutes(string node, string? protocol = null) =>
        Command.Check("ip", ["-n", LabNames.Namespace(Lab, node), "-4", "route", "show", .. protocol is null ? Array.Empty<string>() : ["proto", protocol]]).StandardOutput;

    /// <summary>
    /// The route to a remote VM as the seed report shows it: best, via the owner's link address on
    /// the link interface, from BGP, with BGP.next_hop and the LOCAL_PREF Felix's metric maps to.
    /// </summary>
    public (bool Ok, string Explanation) ShowsRemoteVm(string node, NodeSpec owner, VmSpec vm)
    {
        var output = ShowRouteAll(node, vm.Address);
        var localPref = 2147483647u - topology.VmRouteMetric;
        var head = new Regex($@"^{Regex.Escape(vm.Address.ToString())}/32\s+via {Regex.Escape(owner.Address.ToString())} on {Regex.Escape(topology.Link.InterfaceName)} \[\S+ [^\]]+\] \* \(100/\d+\) \[i\]", RegexOptions.Multiline);
        var ok = head.IsMatch(output)
            && output.Contains("\tType: BGP unicast univ", StringComparison.Ordinal)
            && output.Contains($"\tBGP.next_hop: {owner.Address}\n", StringComparison.Ordinal)
            && output.Contains($"\tBGP.local_pref: {localPref}\n", StringComparison.Ordinal);
        return (ok, $"{node}: {vm.Address}/32 in birdc show route all:\n{output}");
    }

    /// <summary>True when the node's daemon has a route for the VM's /32, whatever its form.</summary>
    public (bool Ok, string Explanation) KnowsRoute(string node, VmSpec vm)
    {
        var output = ShowRoute(node);
        return (output.Contains($"{vm.Address}/32 ", StringComparison.Ordinal), $"{node}: birdc show route:\n{output}");
    }

    public (bool Ok, string Explanation) KernelHasBirdRoute(string compute, NodeSpec owner, VmSpec vm)
    {
        var routes = KernelRoutes(compute); // With a "proto bird" filter, ip would leave "proto bird" out.
        var expected = $"{vm.Address} via {owner.Address} dev {topology.Link.InterfaceName} proto bird metric {topology.VmRouteMetric}";
        return (routes.Split('\n').Any(l => l.Trim() == expected), $"{compute}: expected '{expected}' in 'ip route':\n{routes}");
    }

    /// <summary>True when no node's daemon and no compute's kernel still has a route to the address.</summary>
    public (bool Ok, string Explanation) RouteGoneEverywhere(IPAddress address)
    {
        var leftovers = new List<string>();
        foreach (var node in topology.Nodes)
        {
            var bird = ShowRoute(node.Name);
            if (bird.Contains($"{address}/32", StringComparison.Ordinal))
            {
                leftovers.Add($"{node.Name} daemon:\n{bird}");
            }

            var kernel = KernelRoutes(node.Name);
            if (kernel.Split('\n').Any(l => l.StartsWith($"{address} ", StringComparison.Ordinal)))
            {
                leftovers.Add($"{node.Name} kernel:\n{kernel}");
            }
        }

        return (leftovers.Count == 0, string.Join('\n', leftovers));
    }
}
