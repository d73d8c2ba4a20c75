namespace Bgpd.LabTool.Topology;

// Raw shape of a topology YAML file as YamlDotNet fills it; TopologyLoader validates it into
// LabTopology. Mutable and nullable on purpose: absent keys stay null so the loader can say which.

public sealed class TopologyDocument
{
    public string? Name { get; set; }
    public uint? As { get; set; }
    public LinkDocument? Link { get; set; }
    public List<NetworkDocument>? Networks { get; set; }
    public List<NodeDocument>? Nodes { get; set; }
    public uint? VmRouteMetric { get; set; }
}

public sealed class LinkDocument
{
    public string? Interface { get; set; }
    public string? Subnet { get; set; }
}

public sealed class NetworkDocument
{
    public string? Name { get; set; }
    public string? Cidr { get; set; }
}

public sealed class NodeDocument
{
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Address { get; set; }
    public string? Daemon { get; set; }
    public List<VmDocument>? Vms { get; set; }
}

public sealed class VmDocument
{
    public string? Name { get; set; }
    public string? Ip { get; set; }
}
