using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Tests.Netlink;

/// <summary>Read-only requests against the test process's own namespace (no root needed, nothing changed).</summary>
public class LiveSocketTests
{
    [Test]
    public void Link_dump_on_a_real_socket_finds_loopback_and_ends_with_done()
    {
        using var socket = NetlinkSocket.Open(1 << 20);
        socket.ReceiveTimeout = TimeSpan.FromSeconds(5);
        var writer = new NetlinkWriter();
        var seq = socket.NextSequence();
        LinkCodec.EncodeDumpRequest(writer, seq);
        var names = new List<string>();
        var consistent = socket.Dump(writer.Written, seq, (in NetlinkMessage m) =>
        {
            if (m.Type == Rtm.NewLink && LinkCodec.TryDecode(m.Payload, out var link))
                names.Add(link.Name);
        });
        Assert.That(names, Does.Contain("lo"));
        Assert.That(socket.PortId, Is.Not.Zero);
        Assert.That(consistent || names.Count > 0, Is.True);
    }

    [Test]
    public void Deleting_a_route_that_does_not_exist_is_answered_with_an_errno()
    {
        using var socket = NetlinkSocket.Open(1 << 20);
        socket.ReceiveTimeout = TimeSpan.FromSeconds(5);
        var writer = new NetlinkWriter();
        var seq = socket.NextSequence();
        // Table 250 is unused on test hosts: deleting from it changes nothing whether or not we are root.
        var route = new RouteMessage
        {
            Destination = Bgpd.Net.Prefix.Parse("198.51.100.0/24"),
            Table = 250,
            Protocol = RouteProtocol.Bird,
            Type = RouteType.Unicast,
        };
        RouteCodec.Encode(writer, Rtm.DelRoute, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck, seq, route);
        var error = socket.Execute(writer.Written, seq);
        Assert.That(error, Is.AnyOf(ErrnoText.ESRCH, ErrnoText.ENOENT, 1 /* EPERM when not root */));
    }
}
