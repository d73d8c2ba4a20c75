using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Bgpd.LabTool.Shell;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bgpd.LabTool.Topology;

/// <summary>Reads a topology YAML file and checks it, saying where and what is wrong.</summary>
public static partial class TopologyLoader
{
    public const uint FelixNormalRouteMetric = 1024;

    public static LabTopology Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new LabException($"{path}: cannot read topology: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LabException($"{path}: cannot read topology: {e.Message}", e);
        }

        return Parse(text, path);
    }

    public static LabTopology Parse(string yaml, string source)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        TopologyDocument? document;
        try
        {
            document = deserializer.Deserialize<TopologyDocument>(yaml);
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new LabException($"{source}:{e.Start.Line}:{e.Start.Column}: {reason}", e);
        }

        return Validate(document ?? throw new LabException($"{source}: empty topology"), source);
    }

    private static LabTopology Validate(TopologyDocument doc, string source)
    {
        LabException Error(string what) => new($"{source}: {what}");

        var name = doc.Name ?? throw Error("'name' is required (a short lab name, e.g. os)");
        if (!LabName().IsMatch(name))
        {
            throw Error($"name '{name}' must be 1-8 lower-case letters or digits (it prefixes namespace names)");
        }

        var asn = doc.As ?? throw Error("'as' is required (the iBGP AS number, e.g. 99)");
        if (asn == 0)
        {
            throw Error("'as' must be 1..4294967295");
        }

        var linkDoc = doc.Link ?? throw Error("'link' is required (interface and subnet of the L3 link)");
        var linkInterface = linkDoc.Interface ?? "vxlan21";
        if (!InterfaceName().IsMatch(linkInterface))
        {
            throw Error($"link.interface '{linkInterface}' is not a valid interface name (1-15 characters)");
        }

        var subnet = Cidr(linkDoc.Subnet ?? throw Error("link.subnet is required, e.g. 2.1.1.0/24"), "link.subnet", Error);
        var networks = (doc.Networks ?? []).Select((n, i) => new VirtualNetwork(
            n.Name ?? throw Error($"networks[{i}]: 'name' is required"),
            Cidr(n.Cidr ?? throw Error($"networks[{i}]: 'cidr' is required"), $"networks[{i}].cidr", Error))).ToList();

        var seenNames = new HashSet<string>(StringComparer.Ordinal) { "link" };
        var seenAddresses = new HashSet<IPAddress>();
        var nodes = new List<NodeSpec>();
        foreach (var (nodeDoc, index) in (doc.Nodes ?? throw Error("'nodes' is required")).Select((n, i) => (n, i)))
        {
            var nodeName = CheckName(nodeDoc.Name, $"nodes[{index}].name", seenNames, Error);
            var where = $"node '{nodeName}'";
            var role = nodeDoc.Role switch
            {
                "compute" => NodeRole.Compute,
                "route-reflector" or "controller" => NodeRole.RouteReflector,
                _ => throw Error($"{where}: role '{nodeDoc.Role}' must be compute or route-reflector"),
            };
            var address = Address(nodeDoc.Address ?? throw Error($"{where}: 'address' is required"), where, Error);
            if (!subnet.Contains(address) || !seenAddresses.Add(address))
            {
                throw Error($"{where}: address {address} must be a unique address inside link.subnet {subnet}");
            }

            var daemon = ParseDaemon(nodeDoc.Daemon ?? "bgpd") ?? throw Error($"{where}: daemon '{nodeDoc.Daemon}' must be bird or bgpd");
            var vms = new List<VmSpec>();
            foreach (var vmDoc in nodeDoc.Vms ?? [])
            {
                if (role != NodeRole.Compute)
                {
                    throw Error($"{where}: only compute nodes host VMs");
                }

                var vmName = CheckName(vmDoc.Name, $"{where}: vm name", seenNames, Error);
                var vmAddress = Address(vmDoc.Ip ?? throw Error($"vm '{vmName}': 'ip' is required"), $"vm '{vmName}'", Error);
                if (!networks.Any(n => n.Cidr.Contains(vmAddress)) || !seenAddresses.Add(vmAddress))
                {
                    throw Error($"vm '{vmName}': ip {vmAddress} must be a unique address inside one of the networks");
                }

                vms.Add(new VmSpec(vmName, vmAddress));
            }

            nodes.Add(new NodeSpec(nodeName, role, address, daemon, vms));
        }

        if (nodes.Count(n => n.Role == NodeRole.RouteReflector) != 1)
        {
            throw Error("exactly one node must have role route-reflector");
        }

        return new LabTopology(name, asn, new LinkSpec(linkInterface, subnet), networks, nodes, doc.VmRouteMetric ?? FelixNormalRouteMetric);
    }

    public static DaemonKind? ParseDaemon(string text) => text switch
    {
        "bird" => DaemonKind.Bird,
        "bgpd" => DaemonKind.Bgpd,
        _ => null,
    };

    /// <summary>Checks a node or VM name: it becomes part of a namespace name.</summary>
    public static string CheckName(string? name, string what, ISet<string> seen, Func<string, LabException> error)
    {
        if (name is null || !NodeName().IsMatch(name))
        {
            throw error($"{what} '{name}' must be 1-20 lower-case letters, digits or '-', starting with a letter");
        }

        if (!seen.Add(name))
        {
            throw error($"{what} '{name}' is used twice (or is the reserved name 'link')");
        }

        return name;
    }

    private static Ipv4Cidr Cidr(string text, string what, Func<string, LabException> error) =>
        Ipv4Cidr.TryParse(text, out var cidr) ? cidr : throw error($"{what} '{text}' is not an IPv4 prefix like 10.65.0.0/24");

    private static IPAddress Address(string text, string what, Func<string, LabException> error) =>
        IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetwork
            ? a
            : throw error($"{what}: '{text}' is not an IPv4 address");

    [GeneratedRegex("^[a-z0-9]{1,8}$")]
    private static partial Regex LabName();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,19}$")]
    private static partial Regex NodeName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,15}$")]
    private static partial Regex InterfaceName();
}
