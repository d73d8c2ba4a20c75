using Bgpd.Net;
using static Bgpd.Bgp.Tests.Protocol.ProtocolHarness;

namespace Bgpd.Bgp.Tests.Protocol;

public class NextHopResolutionTests
{
    private static ProtocolHarness WithInterface() => new() { Interfaces = new OneInterface("rsv16", "10.99.0.0/24") };

    [Test]
    public void Direct_session_next_hop_on_a_connected_network_gets_its_interface()
    {
        var h = WithInterface();
        var peer = h.AddPeer("10.99.0.3", peerAs: 65001, tweak: o => o with { GatewayRecursive = false });
        h.Establish(peer, 0x0A630003);
        h.Announce(peer, Path("10.99.0.3", 65001), "10.70.0.0/16");
        var hop = h.Best("10.70.0.0/16")!.Attributes.NextHops.Single();
        Assert.That((hop.Gateway, hop.InterfaceName), Is.EqualTo((IpAddress.Parse("10.99.0.3"), "rsv16")));
    }

    [Test]
    public void Direct_session_next_hop_off_the_connected_networks_is_refused()
    {
        var h = WithInterface();
        var peer = h.AddPeer("10.99.0.3", peerAs: 65001, tweak: o => o with { GatewayRecursive = false });
        h.Establish(peer, 0x0A630003);
        h.Announce(peer, Path("172.16.0.1", 65001), "10.70.0.0/16");
        Assert.That(h.Best("10.70.0.0/16"), Is.Null);
    }

    [Test]
    public void Recursive_next_hop_resolves_through_the_tables_route_to_it()
    {
        var h = WithInterface();
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "rsv16");
        h.Loop.RunPending();
        var peer = h.AddPeer("10.99.0.2");
        h.Establish(peer, 0x0A630002);
        h.Announce(peer, Path("10.50.0.9"), "10.80.0.0/16");
        var route = h.Best("10.80.0.0/16")!;
        var hop = route.Attributes.NextHops.Single();
        Assert.That((hop.Gateway, hop.InterfaceName), Is.EqualTo((IpAddress.Parse("10.99.0.254"), "rsv16")));
        Assert.That(route.Attributes.TryGet(Rib.Attributes.EaId.BgpNextHop, out var bgpNextHop) ? bgpNextHop.AsIp : default, Is.EqualTo(IpAddress.Parse("10.50.0.9")));
    }

    [Test]
    public void Multihop_next_hop_on_a_learned_device_route_gets_that_interface_without_an_interface_view()
    {
        // The lab's controller and computes: `2.1.1.0/24 dev vxlan21` learned by the kernel protocol, iBGP multihop.
        var h = new ProtocolHarness();
        h.Origin.AnnounceDevice("2.1.1.0/24", "vxlan21", 7);
        h.Loop.RunPending();
        var peer = h.AddPeer("2.1.1.10");
        h.Establish(peer, 0x0201010A);
        h.Announce(peer, Path("2.1.1.2"), "10.65.0.3/32");
        var hop = h.Best("10.65.0.3/32")!.Attributes.NextHops.Single();
        Assert.That((hop.Gateway, hop.InterfaceName, hop.InterfaceIndex), Is.EqualTo((IpAddress.Parse("2.1.1.2"), "vxlan21", 7)));
    }

    [Test]
    public void Direct_session_without_an_interface_view_does_not_resolve_through_a_gateway_route()
    {
        var h = new ProtocolHarness();
        h.Origin.AnnounceVia("10.50.0.0/16", "10.99.0.254", "rsv16");
        h.Loop.RunPending();
        var peer = h.AddPeer("10.99.0.3", peerAs: 65001, tweak: o => o with { GatewayRecursive = false });
        h.Establish(peer, 0x0A630003);
        h.Announce(peer, Path("10.50.0.9", 65001), "10.70.0.0/16");
        var hop = h.Best("10.70.0.0/16")!.Attributes.NextHops.Single();
        Assert.That((hop.Gateway, hop.InterfaceName), Is.EqualTo((IpAddress.Parse("10.50.0.9"), (string?)null)));
    }
}
