using Bgpd.LabTool.Topology;

namespace Bgpd.LabTool.Lab;

/// <summary>
/// Plays Felix's part for a VM on a compute node: a namespace for the VM, a veth whose host end is
/// the VM's tap (proxy ARP on, no address), the VM's default route through 169.254.1.1, and the
/// /32 host route on the compute node that the compute's BGP daemon learns and announces.
/// </summary>
public static class Felix
{
    public static void AddVm(LabTopology topology, NodeSpec compute, VmSpec vm)
    {
        var lab = topology.Name;
        var host = LabNames.Namespace(lab, compute.Name);
        var guest = LabNames.Namespace(lab, vm.Name);
        var tap = LabNames.Tap(vm.Name);

        Netns.Add(guest);
        Netns.Ip(host, "link", "add", tap, "type", "veth", "peer", "name", LabNames.VmInterface, "netns", guest);
        Netns.Sysctl(host, $"net.ipv4.conf.{tap}.proxy_arp=1", $"net.ipv4.neigh.{tap}.proxy_delay=0", $"net.ipv4.conf.{tap}.forwarding=1");
        Netns.Ip(host, "link", "set", tap, "up");

        Netns.Ip(guest, "addr", "add", $"{vm.Address}/32", "dev", LabNames.VmInterface);
        Netns.Ip(guest, "link", "set", LabNames.VmInterface, "up");
        Netns.Ip(guest, "route", "add", LabNames.VmGateway, "dev", LabNames.VmInterface, "scope", "link");
        Netns.Ip(guest, "route", "add", "default", "via", LabNames.VmGateway, "dev", LabNames.VmInterface);

        AddHostRoute(topology, compute, vm);
    }

    /// <summary>The route Felix programs: <c>ip route add IP/32 dev TAP proto boot metric 1024</c>.</summary>
    public static void AddHostRoute(LabTopology topology, NodeSpec compute, VmSpec vm) =>
        Netns.Ip(LabNames.Namespace(topology.Name, compute.Name), "route", "add", $"{vm.Address}/32", "dev", LabNames.Tap(vm.Name),
            "proto", "boot", "metric", topology.VmRouteMetric.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Withdraws the host route first (as Felix does when a port goes), then removes the VM.</summary>
    public static void RemoveVm(LabTopology topology, NodeSpec compute, VmSpec vm)
    {
        var host = LabNames.Namespace(topology.Name, compute.Name);
        var guest = LabNames.Namespace(topology.Name, vm.Name);
        Shell.Command.Run("ip", "-n", host, "route", "del", $"{vm.Address}/32", "dev", LabNames.Tap(vm.Name));
        foreach (var pid in Netns.Pids(guest))
        {
            ProcessKiller.Terminate(pid, TimeSpan.FromSeconds(2));
        }

        Netns.Delete(guest); // Takes the veth pair, and so the tap, with it.
    }
}
