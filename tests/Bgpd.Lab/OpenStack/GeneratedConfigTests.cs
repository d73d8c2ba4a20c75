using Bgpd.LabTool.BirdConfig;
using Bgpd.LabTool.Lab;
using Bgpd.LabTool.Shell;
using Bgpd.LabTool.Topology;
using NUnit.Framework;

namespace Bgpd.Lab.OpenStack;

/// <summary>The bird.cfg files the lab generates: Calico's shape, and accepted by BIRD 1.6 itself.</summary>
public sealed class GeneratedConfigTests
{
    private LabTopology _topology = null!;

    [SetUp]
    public void Load() => _topology = TopologyLoader.Load(LabPrerequisites.SeedTopologyPath());

    [Test]
    public void Compute_config_is_a_route_reflector_client_with_next_hop_self_and_calicos_filters()
    {
        var config = ComputeConfig.Render(_topology, _topology.Node("compute1"));

        Assert.Multiple(() =>
        {
            Assert.That(config, Does.Contain("router id 2.1.1.1;"));
            Assert.That(config, Does.Contain("protocol bgp 'N1' {"));
            Assert.That(config, Does.Contain("neighbor 2.1.1.10 as 99;"));
            Assert.That(config, Does.Contain("local as 99;"));
            Assert.That(config, Does.Contain("next hop self;"));
            Assert.That(config, Does.Contain("source address 2.1.1.1;"));
            Assert.That(config, Does.Contain("export filter export_bgp;"));
            Assert.That(config, Does.Contain("(ifname ~ \"tap*\") || (ifname ~ \"cali*\") || (ifname ~ \"dummy1\")"));
            Assert.That(config, Does.Contain("learn;").And.Contain("persist;").And.Contain("merge paths on;"));
            Assert.That(config, Does.Contain("protocol device").And.Contain("protocol direct"));
        });
    }

    [Test]
    public void Controller_config_has_one_rr_client_session_per_compute()
    {
        var config = RouteReflectorConfig.Render(_topology);

        Assert.Multiple(() =>
        {
            Assert.That(config, Does.Contain("router id 2.1.1.10;"));
            Assert.That(config, Does.Contain("protocol bgp compute1 {").And.Contain("neighbor 2.1.1.1 as 99;"));
            Assert.That(config, Does.Contain("protocol bgp compute2 {").And.Contain("neighbor 2.1.1.2 as 99;"));
            Assert.That(config.Split("rr client;").Length - 1, Is.EqualTo(2));
            Assert.That(config, Does.Not.Contain("next hop self"));
        });
    }

    [Test]
    public void Bird_1_6_parses_every_generated_config()
    {
        if (!File.Exists(DaemonBinaries.Bird))
        {
            LabPrerequisites.Require(); // Reports the missing BIRD (fails in CI, skips elsewhere).
        }

        var dir = Directory.CreateTempSubdirectory("bgpd-lab-config-");
        try
        {
            var configs = _topology.Computes.Select(c => (c.Name, ComputeConfig.Render(_topology, c)))
                .Append((_topology.RouteReflector.Name, RouteReflectorConfig.Render(_topology)));
            foreach (var (name, text) in configs)
            {
                var path = Path.Combine(dir.FullName, name + ".cfg");
                File.WriteAllText(path, text);
                var result = Command.Run(DaemonBinaries.Bird, "-p", "-c", path);
                Assert.That(result.ExitCode, Is.Zero, $"{name}: {result.StandardError}");
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
