using Bgpd.Net;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Tests.Rtnetlink;

public class RouteCodecTests
{
    private static List<RouteMessage> Decode(string fixture) =>
        CapturedMessages.Load(fixture, Rtm.NewRoute).Select(m =>
        {
            Assert.That(RouteCodec.TryDecode(m.Payload, out var route), Is.True);
            return route;
        }).ToList();

    private static RouteMessage Find(List<RouteMessage> routes, string prefix, uint table = RouteTable.Main) =>
        routes.Single(r => r.Destination == Prefix.Parse(prefix) && r.Table == table);

    [Test]
    public void Captured_boot_host_route_decodes_with_scope_metric_and_interface()
    {
        var route = Find(Decode("routes4"), "10.65.0.2/32");
        Assert.Multiple(() =>
        {
            Assert.That(route.Protocol, Is.EqualTo(RouteProtocol.Boot));
            Assert.That(route.Scope, Is.EqualTo(RouteScope.Link));
            Assert.That(route.Priority, Is.EqualTo(1024u));
            Assert.That(route.Type, Is.EqualTo(RouteType.Unicast));
            Assert.That(route.Gateway, Is.Null);
            Assert.That(route.OutputInterface, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Captured_multipath_route_decodes_next_hops_with_weights()
    {
        var route = Find(Decode("routes4"), "10.10.4.0/24");
        Assert.That(route.NextHops, Is.Not.Null);
        Assert.That(route.NextHops!.Select(h => (h.Gateway.ToString(), h.Weight)),
            Is.EqualTo(new[] { ("10.99.0.3", 2), ("10.99.0.2", 1) }));
        Assert.That(route.Protocol, Is.EqualTo(RouteProtocol.Bird));
    }

    [Test]
    public void Captured_route_with_prefsrc_and_realm_decodes_both()
    {
        var route = Find(Decode("routes4"), "10.20.1.0/24");
        Assert.Multiple(() =>
        {
            Assert.That(route.PreferredSource, Is.EqualTo(IpAddress.Parse("10.99.0.1")));
            Assert.That(route.Flow, Is.EqualTo(7u));
            Assert.That(route.Gateway, Is.EqualTo(IpAddress.Parse("10.99.0.2")));
        });
    }

    [Test]
    public void Captured_onlink_route_in_table_1000_decodes_table_flag_and_locked_mtu()
    {
        var route = Find(Decode("routes4"), "10.30.0.0/16", table: 1000);
        Assert.Multiple(() =>
        {
            Assert.That(route.IsOnlink, Is.True);
            Assert.That(route.Protocol, Is.EqualTo((byte)42));
            Assert.That(route.Priority, Is.EqualTo(9u));
            Assert.That(route.Metrics?[MetricAttr.Mtu], Is.EqualTo(1400u));
            Assert.That(route.Metrics?[MetricAttr.Lock], Is.EqualTo(1u << MetricAttr.Mtu));
        });
    }

    [Test]
    public void Captured_blackhole_and_unreachable_routes_keep_their_types()
    {
        var routes = Decode("routes4");
        Assert.That(Find(routes, "10.10.1.0/24").Type, Is.EqualTo(RouteType.Blackhole));
        Assert.That(Find(routes, "10.10.3.0/24").Type, Is.EqualTo(RouteType.Unreachable));
    }

    [Test]
    public void Captured_ipv6_route_decodes_gateway_and_metric()
    {
        var route = Find(Decode("routes6"), "fd00:30::/48");
        Assert.Multiple(() =>
        {
            Assert.That(route.Gateway, Is.EqualTo(IpAddress.Parse("fd00:99::3")));
            Assert.That(route.Priority, Is.EqualTo(32u));
            Assert.That(route.Protocol, Is.EqualTo(RouteProtocol.Bird));
        });
    }

    [Test]
    public void Every_captured_ipv4_route_reencodes_to_the_same_bytes()
    {
        var captured = CapturedMessages.Load("routes4", Rtm.NewRoute);
        Assert.That(captured, Has.Count.GreaterThanOrEqualTo(8));
        var writer = new NetlinkWriter();
        foreach (var message in captured)
        {
            Assert.That(RouteCodec.TryDecode(message.Payload, out var route), Is.True);
            writer.Clear();
            RouteCodec.Encode(writer, message.Type, message.Flags, message.Sequence, route);
            // The kernel stamps the receiver's port id into dump replies; requests carry 0.
            var expected = message.Whole.ToArray();
            expected.AsSpan(12, 4).Clear();
            Assert.That(Convert.ToHexString(writer.Written), Is.EqualTo(Convert.ToHexString(expected)), route.ToString());
        }
    }

    [Test]
    public void Every_captured_ipv6_route_survives_decode_encode_decode()
    {
        var writer = new NetlinkWriter();
        foreach (var message in CapturedMessages.Load("routes6", Rtm.NewRoute))
        {
            Assert.That(RouteCodec.TryDecode(message.Payload, out var route), Is.True);
            writer.Clear();
            RouteCodec.Encode(writer, message.Type, message.Flags, message.Sequence, route);
            var reader = new NetlinkMessageReader(writer.Written);
            Assert.That(reader.MoveNext(), Is.True);
            Assert.That(RouteCodec.TryDecode(reader.Current.Payload, out var again), Is.True);
            Assert.That(again.ToString(), Is.EqualTo(route.ToString()));
            Assert.That(again with { NextHops = null, Metrics = null }, Is.EqualTo(route with { NextHops = null, Metrics = null }));
        }
    }

    [Test]
    public void Ipv4_route_with_ipv6_next_hop_is_encoded_as_rta_via_and_decoded_back()
    {
        var route = new RouteMessage
        {
            Destination = Prefix.Parse("10.1.0.0/16"),
            Table = RouteTable.Main,
            Protocol = RouteProtocol.Bird,
            Type = RouteType.Unicast,
            Gateway = IpAddress.Parse("fe80::1"),
            OutputInterface = 3,
        };
        var writer = new NetlinkWriter();
        RouteCodec.Encode(writer, Rtm.NewRoute, 0, 1, route);
        var reader = new NetlinkMessageReader(writer.Written);
        Assert.That(reader.MoveNext(), Is.True);
        Assert.That(RouteCodec.TryDecode(reader.Current.Payload, out var decoded), Is.True);
        Assert.That(decoded.Gateway, Is.EqualTo(IpAddress.Parse("fe80::1")));
    }

    [Test]
    public void Multipath_route_with_onlink_hops_round_trips()
    {
        var route = new RouteMessage
        {
            Destination = Prefix.Parse("10.4.0.0/24"),
            Table = 1000,
            Protocol = RouteProtocol.Bird,
            Type = RouteType.Unicast,
            Priority = 5,
            NextHops = [new NextHop(IpAddress.Parse("192.0.2.1"), 4, 3, RouteFlags.NextHopOnlink, 9), new NextHop(IpAddress.Parse("192.0.2.2"), 5)],
        };
        var writer = new NetlinkWriter();
        RouteCodec.Encode(writer, Rtm.NewRoute, 0, 1, route);
        var reader = new NetlinkMessageReader(writer.Written);
        Assert.That(reader.MoveNext(), Is.True);
        Assert.That(RouteCodec.TryDecode(reader.Current.Payload, out var decoded), Is.True);
        Assert.That(decoded.NextHops, Is.EqualTo(route.NextHops));
        Assert.That(decoded.Table, Is.EqualTo(1000u));
    }

    [Test]
    public void Truncated_route_payload_is_rejected_without_throwing()
    {
        var message = CapturedMessages.Load("routes4", Rtm.NewRoute).First(m => m.Payload.Length > 40);
        for (var cut = 0; cut < message.Payload.Length; cut += 3)
        {
            var payload = message.Payload.AsSpan(0, cut).ToArray();
            // Garble the length of the first attribute too: must be rejected, not crash.
            if (payload.Length > 14) payload[12] = 0xFF;
            Assert.DoesNotThrow(() => RouteCodec.TryDecode(payload, out _));
        }
        Assert.That(RouteCodec.TryDecode(message.Payload.AsSpan(0, 11), out _), Is.False);
    }
}
