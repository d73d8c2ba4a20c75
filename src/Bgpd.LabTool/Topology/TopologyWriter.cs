using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bgpd.LabTool.Topology;

/// <summary>Writes a topology back as YAML in the form <see cref="TopologyLoader"/> reads.</summary>
public static class TopologyWriter
{
    public static string ToYaml(LabTopology topology)
    {
        var document = new TopologyDocument
        {
            Name = topology.Name,
            As = topology.AutonomousSystem,
            VmRouteMetric = topology.VmRouteMetric,
            Link = new LinkDocument { Interface = topology.Link.InterfaceName, Subnet = topology.Link.Subnet.ToString() },
            Networks = topology.Networks.Select(n => new NetworkDocument { Name = n.Name, Cidr = n.Cidr.ToString() }).ToList(),
            Nodes = topology.Nodes.Select(n => new NodeDocument
            {
                Name = n.Name,
                Role = n.Role == NodeRole.Compute ? "compute" : "route-reflector",
                Address = n.Address.ToString(),
                Daemon = n.Daemon == DaemonKind.Bird ? "bird" : "bgpd",
                Vms = n.Vms.Select(v => new VmDocument { Name = v.Name, Ip = v.Address.ToString() }).ToList(),
            }).ToList(),
        };
        return new SerializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
            .Build()
            .Serialize(document);
    }
}
