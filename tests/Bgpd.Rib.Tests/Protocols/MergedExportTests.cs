using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tests.Support;
using NUnit.Framework;
using static Bgpd.Rib.Tests.Support.TestRib;

namespace Bgpd.Rib.Tests.Protocols;

public class MergedExportTests
{
    private static (TestRib Rib, TestProtocol Kernel, TestProtocol A, TestProtocol B) Setup(bool mergeable = true, int limit = 16)
    {
        var rib = new TestRib();
        var kernel = rib.Protocol("kernel1", "Kernel", 10, new ChannelOptions { ExportFilter = Filters.All, ExportMode = ExportMode.Merged, MergeLimit = limit });
        var a = rib.Protocol("Mesh_a", "BGP", 100);
        var b = rib.Protocol("Mesh_b", "BGP", 100);
        a.Mergeable = b.Mergeable = mergeable;
        return (rib, kernel, a, b);
    }

    [Test]
    public void Equal_routes_from_two_peers_reach_the_kernel_as_one_multipath_route()
    {
        var (_, kernel, a, b) = Setup();
        a.Announce("10.20.1.0/24", a.Attributes(Ip("10.99.0.2")));
        b.Announce("10.20.1.0/24", b.Attributes(Ip("10.99.0.3")));

        var last = kernel.Exports[^1];
        Assert.That(last.NewAttributes!.Dest, Is.EqualTo(RouteDest.Multipath));
        Assert.That(last.NewAttributes.NextHops.Select(h => h.Gateway), Is.EqualTo(new[] { Ip("10.99.0.2"), Ip("10.99.0.3") }));
        Assert.That(kernel.Channel.Stats.ExportedRoutes, Is.EqualTo(1));
    }

    [Test]
    public void Withdrawing_one_path_shrinks_the_merged_route()
    {
        var (_, kernel, a, b) = Setup();
        a.Announce("10.20.1.0/24", a.Attributes(Ip("10.99.0.2")));
        b.Announce("10.20.1.0/24", b.Attributes(Ip("10.99.0.3")));
        var best = kernel.Exports[^1].New!;
        var other = best.Source == a ? b : a;
        other.Withdraw("10.20.1.0/24");

        var last = kernel.Exports[^1];
        Assert.That(last.NewAttributes!.Dest, Is.EqualTo(RouteDest.Router));
        Assert.That(last.NewAttributes.NextHops, Has.Length.EqualTo(1));
        Assert.That(kernel.Channel.Stats.ExportedRoutes, Is.EqualTo(1));
    }

    [Test]
    public void Routes_the_protocol_calls_unmergeable_stay_single_path()
    {
        var (_, kernel, a, b) = Setup(mergeable: false);
        a.Announce("10.20.1.0/24", a.Attributes(Ip("10.99.0.2")));
        b.Announce("10.20.1.0/24", b.Attributes(Ip("10.99.0.3")));

        Assert.That(kernel.Exports.All(e => e.NewAttributes!.Dest == RouteDest.Router), Is.True);
        Assert.That(kernel.Exports, Has.Count.EqualTo(1), "a change to a non-mergeable, non-best route is not exported");
    }

    [Test]
    public void Merge_limit_caps_the_next_hops()
    {
        var (rib, kernel, a, b) = Setup(limit: 2);
        var c = rib.Protocol("Mesh_c", "BGP", 100);
        c.Mergeable = true;
        a.Announce("10.20.1.0/24", a.Attributes(Ip("10.99.0.2")));
        b.Announce("10.20.1.0/24", b.Attributes(Ip("10.99.0.3")));
        c.Announce("10.20.1.0/24", c.Attributes(Ip("10.99.0.4")));

        Assert.That(kernel.Exports[^1].NewAttributes!.NextHops, Has.Length.EqualTo(2));
    }

    [Test]
    public void A_kernel_coming_up_gets_merged_routes_in_its_feed()
    {
        var rib = new TestRib();
        var a = rib.Protocol("Mesh_a", "BGP", 100);
        var b = rib.Protocol("Mesh_b", "BGP", 100);
        a.Mergeable = b.Mergeable = true;
        a.Announce("10.20.1.0/24", a.Attributes(Ip("10.99.0.2")));
        b.Announce("10.20.1.0/24", b.Attributes(Ip("10.99.0.3")));

        var kernel = rib.Protocol("kernel1", "Kernel", 10, new ChannelOptions { ExportFilter = Filters.All, ExportMode = ExportMode.Merged });

        Assert.That(kernel.Exports.Single().NewAttributes!.NextHops, Has.Length.EqualTo(2));
    }
}
