using Bgpd.Bgp.Wire;

namespace Bgpd.Bgp.Session;

/// <summary>What both OPENs agreed on: the facts the codec and the protocol need once Established.</summary>
public sealed record NegotiatedSession
{
    public required uint PeerAs { get; init; }
    public required uint PeerId { get; init; }
    public required ushort HoldTime { get; init; }
    public required ushort KeepaliveTime { get; init; }
    public required bool IsInternal { get; init; }
    public required BgpCapabilities Local { get; init; }
    public required BgpCapabilities Peer { get; init; }
    public required bool PeerSentCapabilities { get; init; }

    public bool FourOctetAs => Local.FourOctetAs is not null && Peer.FourOctetAs is not null;
    public bool ExtendedMessages => Local.ExtendedMessages && Peer.ExtendedMessages;
    public bool RouteRefresh => Peer.RouteRefresh;
    public bool EnhancedRouteRefresh => Local.EnhancedRouteRefresh && Peer.EnhancedRouteRefresh;
    public int MaxMessageLength => ExtendedMessages ? BgpWire.MaxExtendedMessageLength : BgpWire.MaxMessageLength;

    /// <summary>Families both sides carry.</summary>
    public IReadOnlyList<BgpFamily> Families => Local.EffectiveFamilies.Intersect(Peer.EffectiveFamilies).ToList();

    /// <summary>We read path ids when we said we receive and the peer said it sends (RFC 7911).</summary>
    public bool AddPathReceive(BgpFamily family) =>
        Local.AddPathFor(family).HasFlag(AddPathMode.Receive) && Peer.AddPathFor(family).HasFlag(AddPathMode.Send);

    public bool AddPathSend(BgpFamily family) =>
        Local.AddPathFor(family).HasFlag(AddPathMode.Send) && Peer.AddPathFor(family).HasFlag(AddPathMode.Receive);

    public UpdateDecodeOptions DecodeOptions => new(!FourOctetAs, IsInternal, AddPathReceive(BgpFamily.IPv4Unicast), AddPathReceive(BgpFamily.IPv6Unicast));

    public UpdateEncodeOptions EncodeOptions => new(!FourOctetAs, AddPathSend(BgpFamily.IPv4Unicast), AddPathSend(BgpFamily.IPv6Unicast), MaxMessageLength);
}
