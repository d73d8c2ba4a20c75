using Bgpd.LabTool.Topology;
using NUnit.Framework;

namespace Bgpd.Lab.OpenStack;

/// <summary>Which daemon runs on the controller and which on the computes.</summary>
public sealed record LabVariant(string Name, string LabName, DaemonKind Controller, DaemonKind Computes)
{
    public override string ToString() => Name;

    public static readonly LabVariant AllBird = new("all-bird", "tbird", DaemonKind.Bird, DaemonKind.Bird);
    public static readonly LabVariant BirdControllerBgpdComputes = new("bird-controller+bgpd-computes", "tmixa", DaemonKind.Bird, DaemonKind.Bgpd);
    public static readonly LabVariant BgpdControllerBirdComputes = new("bgpd-controller+bird-computes", "tmixb", DaemonKind.Bgpd, DaemonKind.Bird);
    public static readonly LabVariant AllBgpd = new("all-bgpd", "tbgpd", DaemonKind.Bgpd, DaemonKind.Bgpd);

    /// <summary>
    /// Every variant runs: BIRD everywhere (the reference), bgpd beside BIRD either way round, and
    /// bgpd everywhere. BGPD_LAB_VARIANTS=bird narrows a run to the BIRD-only reference.
    /// </summary>
    public static IEnumerable<TestFixtureData> Selected()
    {
        yield return new TestFixtureData(AllBird);
        if (Environment.GetEnvironmentVariable("BGPD_LAB_VARIANTS") == "bird") yield break;
        yield return new TestFixtureData(BirdControllerBgpdComputes);
        yield return new TestFixtureData(BgpdControllerBirdComputes);
        yield return new TestFixtureData(AllBgpd);
    }

    public LabTopology Apply(LabTopology seed) =>
        seed.WithName(LabName).WithDaemons(seed.Nodes.ToDictionary(
            n => n.Name,
            n => n.Role == NodeRole.RouteReflector ? Controller : Computes));
}
