using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Netlink;

public enum NetlinkEventKind : byte
{
    Link,
    LinkDeleted,
    Address,
    AddressDeleted,
    Route,
    RouteDeleted,
    /// <summary>The kernel dropped notifications (ENOBUFS): listeners must resynchronise with full dumps.</summary>
    Overrun,
}

/// <summary>One decoded rtnetlink notification; only the member matching <see cref="Kind"/> is set.</summary>
public readonly record struct NetlinkEvent(NetlinkEventKind Kind, LinkMessage Link = default, AddressMessage Address = default, RouteMessage Route = default)
{
    /// <summary>Decodes one message; returns false for types bgpd does not track or malformed payloads.</summary>
    public static bool TryDecode(in NetlinkMessage message, out NetlinkEvent e)
    {
        e = default;
        switch (message.Type)
        {
            case Rtm.NewLink or Rtm.DelLink when LinkCodec.TryDecode(message.Payload, out var link):
                e = new NetlinkEvent(message.Type == Rtm.NewLink ? NetlinkEventKind.Link : NetlinkEventKind.LinkDeleted, Link: link);
                return true;
            case Rtm.NewAddr or Rtm.DelAddr when AddressCodec.TryDecode(message.Payload, out var address):
                e = new NetlinkEvent(message.Type == Rtm.NewAddr ? NetlinkEventKind.Address : NetlinkEventKind.AddressDeleted, Address: address);
                return true;
            case Rtm.NewRoute or Rtm.DelRoute when RouteCodec.TryDecode(message.Payload, out var route):
                e = new NetlinkEvent(message.Type == Rtm.NewRoute ? NetlinkEventKind.Route : NetlinkEventKind.RouteDeleted, Route: route);
                return true;
            default:
                return false;
        }
    }
}
