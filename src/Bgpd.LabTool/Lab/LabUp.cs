using System.Globalization;
using Bgpd.LabTool.BirdConfig;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Lab;

/// <summary>
/// Builds a lab: the link namespace with its bridge, one namespace per node wired to the bridge by a
/// veth (node end named after link.interface, e.g. vxlan21), the VMs, then the daemons (route
/// reflector first, so the computes' first connection attempt finds it listening).
/// </summary>
public static class LabUp
{
    public static readonly TimeSpan DaemonStartTimeout = TimeSpan.FromSeconds(30);

    public static LabState Up(LabTopology topology, Action<string>? progress = null)
    {
        var lab = topology.Name;
        progress ??= _ => { };
        var leftovers = Netns.List().Where(n => n.StartsWith(LabNames.LabPrefix(lab), StringComparison.Ordinal)).ToList();
        if (leftovers.Count > 0 || File.Exists(LabNames.StateFile(lab)))
        {
            throw new LabException($"lab '{lab}' is already up (or left over): run 'bgpd-lab down --lab {lab}' first");
        }

        var state = new LabState();
        state.SetTopology(topology);
        state.Save(lab);
        try
        {
            BuildLink(topology, progress);
            foreach (var vm in topology.Computes.SelectMany(c => c.Vms.Select(v => (c, v))))
            {
                progress($"vm {vm.v.Name} ({vm.v.Address}) on {vm.c.Name}, tap {LabNames.Tap(vm.v.Name)}");
                Felix.AddVm(topology, vm.c, vm.v);
            }

            foreach (var node in topology.Nodes.OrderBy(n => n.Role == NodeRole.RouteReflector ? 0 : 1))
            {
                StartDaemon(topology, state, node);
                progress($"{node.Name}: {(node.Daemon == DaemonKind.Bird ? "bird" : "bgpd")} up, socket {LabNames.ControlSocket(lab, node.Name)}");
            }

            return state;
        }
        catch
        {
            LabDown.Down(lab);
            throw;
        }
    }

    public static void StartDaemon(LabTopology topology, LabState state, NodeSpec node)
    {
        var lab = topology.Name;
        var config = node.Role == NodeRole.RouteReflector
            ? RouteReflectorConfig.Render(topology)
            : ComputeConfig.Render(topology, node);
        File.WriteAllText(LabNames.ConfigFile(lab, node.Name), config);
        var daemon = DaemonProcess.Start(lab, node.Name, node.Daemon);
        state.Daemons.RemoveAll(d => d.Node == node.Name);
        state.Daemons.Add(daemon);
        state.Save(lab);
        DaemonProcess.WaitReady(lab, daemon, DaemonStartTimeout);
    }

    private static void BuildLink(LabTopology topology, Action<string> progress)
    {
        var lab = topology.Name;
        var linkNs = LabNames.LinkNamespace(lab);
        Netns.Add(linkNs);
        Netns.Ip(linkNs, "link", "add", LabNames.LinkBridge, "type", "bridge");
        Netns.Ip(linkNs, "link", "set", LabNames.LinkBridge, "up");

        var prefixLength = topology.Link.Subnet.Length.ToString(CultureInfo.InvariantCulture);
        var linkIf = topology.Link.InterfaceName;
        foreach (var (node, index) in topology.Nodes.Select((n, i) => (n, i)))
        {
            progress($"node {node.Name} ({node.Address}) on {linkIf}");
            var ns = LabNames.Namespace(lab, node.Name);
            var port = LabNames.BridgePort(index);
            Netns.Add(ns);
            Netns.Sysctl(ns, "net.ipv4.ip_forward=1");
            Netns.Ip(ns, "link", "add", linkIf, "type", "veth", "peer", "name", port, "netns", linkNs);
            Netns.Ip(linkNs, "link", "set", port, "master", LabNames.LinkBridge, "up");

            // Address without its kernel-made subnet route; the subnet route is added by hand
            // (proto boot) as an operator does for a hand-built VXLAN link, so the kernel protocol
            // learns it and BGP next hops on the link resolve through it.
            Netns.Ip(ns, "addr", "add", $"{node.Address}/{prefixLength}", "dev", linkIf, "noprefixroute");
            Netns.Ip(ns, "link", "set", linkIf, "up");
            Netns.Ip(ns, "route", "add", topology.Link.Subnet.ToString(), "dev", linkIf, "proto", "boot", "src", node.Address.ToString());
            if (node.Role == NodeRole.Compute)
            {
                // A host's default route; proxy ARP on the taps answers only for routable targets,
                // 169.254.1.1 included.
                Netns.Ip(ns, "route", "add", "default", "via", topology.RouteReflector.Address.ToString(), "dev", linkIf, "proto", "boot");
            }
        }
    }
}
