using System.Net;
using Bgpd.LabTool.Cli;
using Bgpd.LabTool.Lab;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;
using NUnit.Framework;

namespace Bgpd.Lab.OpenStack;

/// <summary>Reading topology files and naming things: pure logic, no namespaces.</summary>
public sealed class TopologyFileTests
{
    private const string Minimal = """
        name: x
        as: 99
        link: { subnet: 2.1.1.0/24 }
        networks: [ { name: a, cidr: 10.65.0.0/24 } ]
        nodes:
          - { name: rr, role: route-reflector, address: 2.1.1.10 }
          - name: cn
            role: compute
            address: 2.1.1.1
            vms: [ { name: v1, ip: 10.65.0.2 } ]
        """;

    [Test]
    public void Seed_topology_has_the_controller_two_computes_and_their_vms()
    {
        var topology = TopologyLoader.Load(LabPrerequisites.SeedTopologyPath());

        Assert.Multiple(() =>
        {
            Assert.That(topology.AutonomousSystem, Is.EqualTo(99u));
            Assert.That(topology.Link.InterfaceName, Is.EqualTo("vxlan21"));
            Assert.That(topology.Link.Subnet.ToString(), Is.EqualTo("2.1.1.0/24"));
            Assert.That(topology.Networks.Select(n => n.Cidr.ToString()), Is.EqualTo(new[] { "10.65.0.0/24", "10.66.0.0/24" }));
            Assert.That(topology.RouteReflector.Name, Is.EqualTo("controller"));
            Assert.That(topology.Node("compute1").Vms.Select(v => v.Name), Is.EqualTo(new[] { "c1", "d1" }));
            Assert.That(topology.Node("compute2").Vms.Select(v => v.Name), Is.EqualTo(new[] { "c2" }));
            Assert.That(topology.VmRouteMetric, Is.EqualTo(1024u));
        });
    }

    [Test]
    public void Omitted_daemon_and_link_interface_default_to_bgpd_and_vxlan21()
    {
        var topology = TopologyLoader.Parse(Minimal, "t.yaml");

        Assert.That(topology.Nodes.Select(n => n.Daemon), Is.All.EqualTo(DaemonKind.Bgpd));
        Assert.That(topology.Link.InterfaceName, Is.EqualTo("vxlan21"));
    }

    [Test]
    public void Yaml_syntax_error_reports_file_line_and_column()
    {
        var e = Assert.Throws<LabException>(() => TopologyLoader.Parse("name: x\nas: [1\n", "bad.yaml"));

        Assert.That(e!.Message, Does.StartWith("bad.yaml:"));
        Assert.That(e.Message, Does.Match(@"^bad\.yaml:\d+:\d+: "));
    }

    [TestCase("2.1.2.1", "inside link.subnet")]
    [TestCase("not-an-ip", "is not an IPv4 address")]
    public void Node_address_outside_the_link_or_malformed_is_rejected(string address, string expected)
    {
        var yaml = Minimal.Replace("address: 2.1.1.1\n", $"address: {address}\n", StringComparison.Ordinal);

        var e = Assert.Throws<LabException>(() => TopologyLoader.Parse(yaml, "t.yaml"));

        Assert.That(e!.Message, Does.Contain("node 'cn'").And.Contain(expected));
    }

    [Test]
    public void Vm_outside_every_network_is_rejected()
    {
        var yaml = Minimal.Replace("ip: 10.65.0.2", "ip: 10.99.0.2", StringComparison.Ordinal);

        var e = Assert.Throws<LabException>(() => TopologyLoader.Parse(yaml, "t.yaml"));

        Assert.That(e!.Message, Does.Contain("vm 'v1'").And.Contain("inside one of the networks"));
    }

    [Test]
    public void A_topology_without_a_route_reflector_is_rejected()
    {
        var yaml = Minimal.Replace("role: route-reflector", "role: compute", StringComparison.Ordinal);

        var e = Assert.Throws<LabException>(() => TopologyLoader.Parse(yaml, "t.yaml"));

        Assert.That(e!.Message, Does.Contain("exactly one node must have role route-reflector"));
    }

    [Test]
    public void Duplicate_names_are_rejected_across_nodes_and_vms()
    {
        var yaml = Minimal.Replace("name: v1", "name: rr", StringComparison.Ordinal);

        var e = Assert.Throws<LabException>(() => TopologyLoader.Parse(yaml, "t.yaml"));

        Assert.That(e!.Message, Does.Contain("'rr' is used twice"));
    }

    [Test]
    public void Written_topology_reads_back_equal()
    {
        var topology = TopologyLoader.Load(LabPrerequisites.SeedTopologyPath());

        var again = TopologyLoader.Parse(TopologyWriter.ToYaml(topology), "round-trip");

        Assert.That(TopologyWriter.ToYaml(again), Is.EqualTo(TopologyWriter.ToYaml(topology)));
        Assert.That(again.Node("compute2").Vms.Single().Address, Is.EqualTo(IPAddress.Parse("10.65.0.3")));
    }

    [Test]
    public void Daemon_overrides_set_one_node_or_all()
    {
        var topology = TopologyLoader.Parse(Minimal, "t.yaml");

        var one = topology.WithDaemons(LabCommandLine.ParseDaemonOverrides(["cn=bird"], topology));
        var all = topology.WithDaemons(LabCommandLine.ParseDaemonOverrides(["all=bgpd", "rr=bird"], topology));

        Assert.That(one.Nodes.Select(n => n.Daemon), Is.EqualTo(new[] { DaemonKind.Bgpd, DaemonKind.Bird }));
        Assert.That(all.Nodes.Select(n => n.Daemon), Is.EqualTo(new[] { DaemonKind.Bird, DaemonKind.Bgpd }));
        Assert.Throws<LabException>(() => LabCommandLine.ParseDaemonOverrides(["cn=frr"], topology));
        Assert.Throws<LabException>(() => topology.WithDaemons(LabCommandLine.ParseDaemonOverrides(["nosuch=bird"], topology)));
    }

    [Test]
    public void Tap_names_are_tap_and_eleven_hex_digits_distinct_per_vm()
    {
        var names = new[] { "c1", "c2", "d1" }.Select(LabNames.Tap).ToList();

        Assert.That(names, Is.All.Match("^tap[0-9a-f]{11}$"));
        Assert.That(names.Distinct().Count(), Is.EqualTo(3));
        Assert.That(LabNames.Tap("c1"), Is.EqualTo(names[0]));
    }

    [Test]
    public void Namespaces_of_one_lab_never_carry_another_labs_prefix()
    {
        Assert.That(LabNames.Namespace("os", "compute1"), Does.StartWith(LabNames.LabPrefix("os")));
        Assert.That(LabNames.Namespace("os2", "compute1"), Does.Not.StartWith(LabNames.LabPrefix("os")));
    }
}
