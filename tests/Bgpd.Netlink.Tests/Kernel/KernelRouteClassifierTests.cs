using Bgpd.Netlink.Kernel;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Tests.Kernel;

public class KernelRouteClassifierTests
{
    [TestCase(RouteProtocol.Boot, KernelRouteClass.Alien)]
    [TestCase(RouteProtocol.Static, KernelRouteClass.Alien)]
    [TestCase((byte)42, KernelRouteClass.Alien)]
    [TestCase(RouteProtocol.Kernel, KernelRouteClass.Ignored)]
    [TestCase(RouteProtocol.Unspec, KernelRouteClass.Ignored)]
    [TestCase(RouteProtocol.Redirect, KernelRouteClass.Redirect)]
    [TestCase(RouteProtocol.Bird, KernelRouteClass.Own)]
    public void Routes_are_classified_by_rtm_protocol(byte protocol, KernelRouteClass expected) =>
        Assert.That(KernelRouteClassifier.Classify(Routes.Via("10.79.0.0/24", "10.99.0.1", protocol), RouteTable.Main), Is.EqualTo(expected));

    [Test]
    public void Routes_of_other_tables_cloned_routes_and_local_types_are_ignored()
    {
        var route = Routes.Via("10.79.0.0/24", "10.99.0.1", RouteProtocol.Boot);
        Assert.Multiple(() =>
        {
            Assert.That(KernelRouteClassifier.Classify(route with { Table = 1000 }, RouteTable.Main), Is.EqualTo(KernelRouteClass.Ignored));
            Assert.That(KernelRouteClassifier.Classify(route with { Table = 1000 }, 1000), Is.EqualTo(KernelRouteClass.Alien));
            Assert.That(KernelRouteClassifier.Classify(route with { Flags = RouteFlags.Cloned }, RouteTable.Main), Is.EqualTo(KernelRouteClass.Ignored));
            Assert.That(KernelRouteClassifier.Classify(route with { Type = RouteType.Local }, RouteTable.Main), Is.EqualTo(KernelRouteClass.Ignored));
            Assert.That(KernelRouteClassifier.Classify(route with { Type = RouteType.Blackhole }, RouteTable.Main), Is.EqualTo(KernelRouteClass.Alien));
        });
    }

    [TestCase("127.0.0.0/8", KernelRouteClass.Ignored)]
    [TestCase("fe80::/64", KernelRouteClass.Ignored)]
    [TestCase("224.0.0.0/4", KernelRouteClass.Ignored)]
    [TestCase("0.0.0.0/0", KernelRouteClass.Alien)]
    [TestCase("fd00:30::/48", KernelRouteClass.Alien)]
    public void Link_scope_and_host_scope_destinations_are_ignored(string prefix, KernelRouteClass expected) =>
        Assert.That(KernelRouteClassifier.Classify(Routes.Dev(prefix, 3) with { Destination = Bgpd.Net.Prefix.Parse(prefix) }, RouteTable.Main), Is.EqualTo(expected));
}
