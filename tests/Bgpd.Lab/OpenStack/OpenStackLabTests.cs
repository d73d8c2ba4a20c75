using System.Net;
using Bgpd.LabTool.Lab;
using Bgpd.LabTool.Topology;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Bgpd.Lab.OpenStack;

/// <summary>
/// The seed scenario end to end: conf/lab/openstack.yaml brought up in namespaces with the
/// variant's daemons, checked as the people in the seed notes check it, then taken down.
/// </summary>
[TestFixtureSource(typeof(LabVariant), nameof(LabVariant.Selected))]
[NonParallelizable]
public sealed class OpenStackLabTests(LabVariant variant)
{
    private LabTopology _topology = null!;
    private LabProbe _probe = null!;

    [OneTimeSetUp]
    public void BringUp()
    {
        LabPrerequisites.Require();
        _topology = variant.Apply(TopologyLoader.Load(LabPrerequisites.SeedTopologyPath()));
        _probe = new LabProbe(_topology);
        LabDown.Down(_topology.Name); // A previous run that was killed may have left it.
        LabUp.Up(_topology); // Removes what it made itself when it fails.
        try
        {
            LabOperations.WaitEstablished(_topology.Name, TimeSpan.FromSeconds(60));
        }
        catch
        {
            LabDown.Down(_topology.Name);
            throw;
        }
    }

    [OneTimeTearDown]
    public void TakeDown()
    {
        if (_topology is not null)
        {
            LabDown.Down(_topology.Name);
        }
    }

    [TearDown]
    public void ExplainFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed && File.Exists(LabNames.StateFile(_topology.Name)))
        {
            TestContext.Out.WriteLine(LabOperations.Status(_topology.Name));
            foreach (var node in _topology.Nodes)
            {
                TestContext.Out.WriteLine($"--- {node.Name} log\n{DaemonProcess.LogTail(_topology.Name, node.Name)}");
            }
        }
    }

    [Test, Order(1)]
    public void Vms_ping_each_other_across_computes_within_and_across_networks()
    {
        var pairs = new[] { ("c1", "c2"), ("c2", "c1"), ("d1", "c2"), ("c2", "d1"), ("c1", "d1"), ("d1", "c1") };
        foreach (var (from, to) in pairs)
        {
            Eventually.Holds(() => _probe.Ping(from, Vm(to).Vm.Address), what: $"ping {from} -> {to}");
        }
    }

    [Test, Order(2)]
    public void Every_node_shows_each_remote_vm_via_its_computes_address_on_vxlan21()
    {
        foreach (var node in _topology.Nodes)
        {
            foreach (var (owner, vm) in AllVms().Where(v => v.Owner.Name != node.Name))
            {
                Eventually.Holds(() => _probe.ShowsRemoteVm(node.Name, owner, vm), what: $"{vm.Name} as seen by {node.Name}");
            }
        }
    }

    [Test, Order(3)]
    public void Compute_kernels_carry_remote_vms_as_proto_bird_routes_via_the_owner()
    {
        foreach (var compute in _topology.Computes)
        {
            foreach (var (owner, vm) in AllVms().Where(v => v.Owner.Name != compute.Name))
            {
                Eventually.Holds(() => _probe.KernelHasBirdRoute(compute.Name, owner, vm), what: $"kernel route to {vm.Name} on {compute.Name}");
            }
        }
    }

    [Test, Order(4)]
    public void A_new_vm_becomes_reachable_from_every_other_vm()
    {
        var vm = new VmSpec("n1", IPAddress.Parse("10.66.0.20"));
        LabOperations.AddVm(_topology.Name, "compute2", vm.Name, vm.Address.ToString());
        try
        {
            foreach (var (_, other) in AllVms())
            {
                Eventually.Holds(() => _probe.Ping(other.Name, vm.Address), what: $"ping {other.Name} -> new vm");
            }

            Eventually.Holds(() => _probe.KernelHasBirdRoute("compute1", _topology.Node("compute2"), vm), what: "new vm's route on compute1");
        }
        finally
        {
            LabOperations.RemoveVm(_topology.Name, "compute2", vm.Name);
        }
    }

    [Test, Order(5)]
    public void Removing_a_vm_withdraws_its_route_from_every_node()
    {
        var vm = new VmSpec("r1", IPAddress.Parse("10.65.0.30"));
        LabOperations.AddVm(_topology.Name, "compute1", vm.Name, vm.Address.ToString());
        var owner = _topology.Node("compute1");
        foreach (var node in _topology.Nodes)
        {
            Eventually.Holds(() => _probe.KnowsRoute(node.Name, vm), what: $"r1 known to {node.Name} before removal");
        }

        Eventually.Holds(() => _probe.KernelHasBirdRoute("compute2", owner, vm), what: "r1 in compute2's kernel before removal");

        LabOperations.RemoveVm(_topology.Name, "compute1", vm.Name);

        Eventually.Holds(() => _probe.RouteGoneEverywhere(vm.Address), what: "withdrawal of r1 everywhere");
    }

    [Test, Order(100)]
    public void Down_leaves_no_namespace_daemon_or_state_behind()
    {
        var daemons = LabState.Load(_topology.Name).Daemons;
        Assert.That(daemons, Has.Count.EqualTo(_topology.Nodes.Count));

        LabDown.Down(_topology.Name);

        Assert.Multiple(() =>
        {
            Assert.That(Netns.List().Where(n => n.StartsWith(LabNames.LabPrefix(_topology.Name), StringComparison.Ordinal)), Is.Empty);
            Assert.That(daemons.Where(DaemonProcess.IsAlive).Select(d => d.Node), Is.Empty);
            Assert.That(Directory.Exists(LabNames.RunDirectory(_topology.Name)), Is.False);
        });
    }

    private IEnumerable<(NodeSpec Owner, VmSpec Vm)> AllVms() =>
        _topology.Computes.SelectMany(c => c.Vms.Select(v => (c, v)));

    private (NodeSpec Owner, VmSpec Vm) Vm(string name) => AllVms().Single(v => v.Vm.Name == name);
}
