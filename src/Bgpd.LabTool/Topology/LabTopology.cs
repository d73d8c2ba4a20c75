using System.Net;

namespace Bgpd.LabTool.Topology;

public enum NodeRole
{
    Compute,
    RouteReflector,
}

public enum DaemonKind
{
    Bird,
    Bgpd,
}

/// <summary>A virtual network (Neutron subnet) VMs take their addresses from.</summary>
public sealed record VirtualNetwork(string Name, Ipv4Cidr Cidr);

/// <summary>A VM: its own namespace behind a tap on its compute node, with one /32 address.</summary>
public sealed record VmSpec(string Name, IPAddress Address);

/// <summary>A host on the L3 link: the route reflector or a compute node with its VMs.</summary>
public sealed record NodeSpec(string Name, NodeRole Role, IPAddress Address, DaemonKind Daemon, IReadOnlyList<VmSpec> Vms);

/// <summary>The L3 link every node sits on (a bridge namespace standing in for the VXLAN underlay).</summary>
public sealed record LinkSpec(string InterfaceName, Ipv4Cidr Subnet);

/// <summary>A validated lab topology.</summary>
public sealed record LabTopology(
    string Name,
    uint AutonomousSystem,
    LinkSpec Link,
    IReadOnlyList<VirtualNetwork> Networks,
    IReadOnlyList<NodeSpec> Nodes,
    uint VmRouteMetric)
{
    public NodeSpec RouteReflector => Nodes.Single(n => n.Role == NodeRole.RouteReflector);

    public IEnumerable<NodeSpec> Computes => Nodes.Where(n => n.Role == NodeRole.Compute);

    public NodeSpec Node(string name) =>
        Nodes.FirstOrDefault(n => n.Name == name) ?? throw new Shell.LabException($"no node '{name}' in lab '{Name}'");

    /// <summary>Returns a copy with some nodes' daemons replaced (command-line overrides).</summary>
    public LabTopology WithDaemons(IReadOnlyDictionary<string, DaemonKind> overrides)
    {
        foreach (var name in overrides.Keys)
        {
            Node(name);
        }

        return this with
        {
            Nodes = Nodes.Select(n => overrides.TryGetValue(n.Name, out var d) ? n with { Daemon = d } : n).ToList(),
        };
    }

    public LabTopology WithName(string name) => this with { Name = name };
}
