using Bgpd.Bgp.Protocol;
using Bgpd.Bgp.Wire;
using Bgpd.Config.Model;
using Bgpd.Net;
using WireAddPath = Bgpd.Bgp.Wire.AddPathMode;

namespace Bgpd.Bgp.Tests.Protocol;

public class OptionsMappingTests
{
    private static BgpConfig Calico() => new()
    {
        Name = "Mesh_10_99_0_2",
        LocalAs = 64512,
        NeighborAs = 64512,
        NeighborAddress = IpAddress.Parse("10.99.0.2"),
        SourceAddress = IpAddress.Parse("10.99.0.1"),
        Multihop = 64,
        Gateway = GatewayMode.Recursive,
        AddPaths = Config.Model.AddPathMode.On,
        GracefulRestart = GracefulRestartMode.On,
        ConnectDelayTime = 2,
        ConnectRetryTime = 5,
        ErrorWaitTimeMin = 5,
        ErrorWaitTimeMax = 30,
        Password = "secret",
    };

    [TestCase(true)]
    [TestCase(false)]
    public void Rs_client_maps_to_the_route_server_option(bool rsClient)
    {
        var config = Calico() with { NeighborAs = 65002, Multihop = 0, RsClient = rsClient };
        Assert.That(BgpProtocolOptions.FromConfig(config, 1, ipv6: false).RsClient, Is.EqualTo(rsClient));
    }

    [Test]
    public void Calico_mesh_peer_maps_to_session_and_capabilities()
    {
        var options = BgpProtocolOptions.FromConfig(Calico(), IpAddress.Parse("10.99.0.1").V4Value, ipv6: false);
        var session = options.Session;
        Assert.That((session.LocalAs, session.PeerAs, session.IsInternal), Is.EqualTo((64512u, 64512u, true)));
        Assert.That((session.ConnectDelayTime, session.ConnectRetryTime, session.ErrorWaitTimeMin, session.ErrorWaitTimeMax), Is.EqualTo((2, 5, 5, 30)));
        Assert.That((session.HoldTime, session.StartupHoldTime, session.KeepaliveTime), Is.EqualTo(((ushort)240, (ushort)240, (ushort?)80)));
        Assert.That(options.Multihop, Is.EqualTo(64));
        Assert.That(options.GatewayRecursive, Is.True);
        Assert.That(options.Password, Is.EqualTo("secret"));
        var caps = session.Capabilities;
        Assert.That(caps.Multiprotocol, Is.EqualTo(new[] { BgpFamily.IPv4Unicast }));
        Assert.That(caps.AddPathFor(BgpFamily.IPv4Unicast), Is.EqualTo(WireAddPath.Both));
        Assert.That(caps.GracefulRestart!.Families.Single().Family, Is.EqualTo(BgpFamily.IPv4Unicast));
        Assert.That(caps.GracefulRestart.RestartTime, Is.EqualTo(120));
        Assert.That(caps.LongLivedGracefulRestart, Is.Empty, "LLGR aware: capability without families");
        Assert.That(caps.RouteRefresh && caps.EnhancedRouteRefresh && caps.FourOctetAs == 64512, Is.True);
    }

    [Test]
    public void Hold_time_without_keepalive_time_uses_a_third_of_it()
    {
        var options = BgpProtocolOptions.FromConfig(Calico() with { HoldTime = 90 }, 1, ipv6: false);
        Assert.That(options.Session.KeepaliveTime, Is.Null);
        var explicitKeepalive = BgpProtocolOptions.FromConfig(Calico() with { HoldTime = 90, KeepaliveTime = 10 }, 1, ipv6: false);
        Assert.That(explicitKeepalive.Session.KeepaliveTime, Is.EqualTo(10));
    }

    [Test]
    public void Bird6_config_gets_the_ipv6_family_and_switches_map_to_capabilities()
    {
        var options = BgpProtocolOptions.FromConfig(Calico() with
        {
            EnableAs4 = false,
            EnableRouteRefresh = false,
            GracefulRestart = GracefulRestartMode.Off,
            AddPaths = Config.Model.AddPathMode.Rx,
            Capabilities = false,
        }, 1, ipv6: true);
        var caps = options.Session.Capabilities;
        Assert.That(options.Family, Is.EqualTo(BgpFamily.IPv6Unicast));
        Assert.That(caps.Multiprotocol, Is.EqualTo(new[] { BgpFamily.IPv6Unicast }));
        Assert.That(caps.FourOctetAs, Is.Null);
        Assert.That(caps.RouteRefresh, Is.False);
        Assert.That(caps.GracefulRestart, Is.Null);
        Assert.That(caps.AddPathFor(BgpFamily.IPv6Unicast), Is.EqualTo(WireAddPath.Receive));
        Assert.That(options.Session.SendCapabilities, Is.False);
    }
}
