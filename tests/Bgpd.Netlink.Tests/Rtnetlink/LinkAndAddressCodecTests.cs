using Bgpd.Net;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Tests.Rtnetlink;

public class LinkAndAddressCodecTests
{
    private static List<LinkMessage> Links() =>
        CapturedMessages.Load("links", Rtm.NewLink).Select(m =>
        {
            Assert.That(LinkCodec.TryDecode(m.Payload, out var link), Is.True);
            return link;
        }).ToList();

    [Test]
    public void Captured_links_decode_names_flags_and_mtu()
    {
        var links = Links();
        var lo = links.Single(l => l.Name == "lo");
        var tap = links.Single(l => l.Name == "tap0");
        Assert.Multiple(() =>
        {
            Assert.That(lo.Index, Is.EqualTo(1));
            Assert.That(lo.IsLoopback && lo.IsUp, Is.True);
            Assert.That(lo.Mtu, Is.EqualTo(65536u));
            Assert.That(tap.Mtu, Is.EqualTo(1450u));
            Assert.That(tap.IsUp, Is.True);
            Assert.That(tap.Flags & LinkAttr.FlagBroadcast, Is.Not.Zero);
        });
    }

    [Test]
    public void Link_encode_then_decode_preserves_tracked_fields()
    {
        var link = new LinkMessage(7, "cali1234", LinkAttr.FlagUp | LinkAttr.FlagLowerUp, 1, 1500, 3, 0);
        var writer = new NetlinkWriter();
        LinkCodec.Encode(writer, Rtm.NewLink, 0, 9, link);
        var reader = new NetlinkMessageReader(writer.Written);
        Assert.That(reader.MoveNext(), Is.True);
        Assert.That(reader.Current.Type, Is.EqualTo(Rtm.NewLink));
        Assert.That(LinkCodec.TryDecode(reader.Current.Payload, out var decoded), Is.True);
        Assert.That(decoded, Is.EqualTo(link));
    }

    [Test]
    public void Captured_addresses_decode_v4_and_v6_with_prefix_and_scope()
    {
        var addresses = CapturedMessages.Load("addresses", Rtm.NewAddr).Select(m =>
        {
            Assert.That(AddressCodec.TryDecode(m.Payload, out var a), Is.True);
            return a;
        }).ToList();
        var v4 = addresses.Single(a => a.Address == IpAddress.Parse("10.99.0.1"));
        var v6 = addresses.Single(a => a.Address == IpAddress.Parse("fd00:99::1"));
        var loopback = addresses.Single(a => a.Address == IpAddress.Parse("127.0.0.1"));
        Assert.Multiple(() =>
        {
            Assert.That(v4.Prefix, Is.EqualTo(Prefix.Parse("10.99.0.0/24")));
            Assert.That(v4.Scope, Is.EqualTo(RouteScope.Universe));
            Assert.That(v6.Prefix, Is.EqualTo(Prefix.Parse("fd00:99::/64")));
            Assert.That(loopback.Scope, Is.EqualTo(RouteScope.Host));
            Assert.That(v4.InterfaceIndex, Is.EqualTo(v6.InterfaceIndex));
        });
    }

    [Test]
    public void Every_captured_address_survives_decode_encode_decode()
    {
        var writer = new NetlinkWriter();
        foreach (var message in CapturedMessages.Load("addresses", Rtm.NewAddr))
        {
            Assert.That(AddressCodec.TryDecode(message.Payload, out var address), Is.True);
            writer.Clear();
            AddressCodec.Encode(writer, Rtm.NewAddr, 0, 1, address);
            var reader = new NetlinkMessageReader(writer.Written);
            Assert.That(reader.MoveNext(), Is.True);
            Assert.That(AddressCodec.TryDecode(reader.Current.Payload, out var again), Is.True);
            Assert.That(again, Is.EqualTo(address));
        }
    }

    [Test]
    public void Point_to_point_address_keeps_local_and_peer_apart()
    {
        var address = new AddressMessage(4, IpAddress.Parse("10.0.0.1"), 32, 0, 0, IpAddress.Parse("10.0.0.2"), null);
        var writer = new NetlinkWriter();
        AddressCodec.Encode(writer, Rtm.NewAddr, 0, 1, address);
        var reader = new NetlinkMessageReader(writer.Written);
        Assert.That(reader.MoveNext(), Is.True);
        Assert.That(AddressCodec.TryDecode(reader.Current.Payload, out var decoded), Is.True);
        Assert.That((decoded.Address, decoded.Peer), Is.EqualTo((IpAddress.Parse("10.0.0.1"), (IpAddress?)IpAddress.Parse("10.0.0.2"))));
    }
}
