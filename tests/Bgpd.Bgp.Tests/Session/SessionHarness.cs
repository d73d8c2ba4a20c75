using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using Bgpd.Net;

namespace Bgpd.Bgp.Tests.Session;

/// <summary>Drives a <see cref="BgpSession"/> under a fake clock, plays the peer, and records every action.</summary>
internal sealed class SessionHarness
{
    public const uint LocalId = 0x0A630001;
    public const uint PeerId = 0x0A630002;

    public FakeTimeProvider Time { get; } = new();
    public BgpSession Session { get; }
    public SessionTimers Timers { get; }
    public List<SessionAction> Actions { get; } = [];

    public SessionHarness(SessionOptions? options = null)
    {
        Session = new BgpSession(options ?? Options(), Time);
        Timers = new SessionTimers(Time, (timer, side) => Do(new SessionEvent.TimerExpired(timer, side)));
    }

    public static SessionOptions Options(uint localAs = 64512, uint peerAs = 64512) => new()
    {
        LocalAs = localAs,
        PeerAs = peerAs,
        LocalId = LocalId,
        PeerAddress = IpAddress.Parse("10.99.0.2"),
        Capabilities = SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], localAs, AddPathMode.Both),
    };

    public IReadOnlyList<SessionAction> Do(SessionEvent e)
    {
        var actions = Session.Handle(e);
        Record(actions);
        return actions;
    }

    public void Record(IReadOnlyList<SessionAction> actions)
    {
        Actions.AddRange(actions);
        Timers.Apply(actions);
    }

    public bool Offer()
    {
        var accepted = Session.OfferIncoming(out var actions);
        Record(actions);
        return accepted;
    }

    public void Advance(double seconds) => Time.AdvanceSeconds(seconds);

    public void Clear() => Actions.Clear();

    public List<SessionAction.Send> Sent(ConnectionSide? side = null) =>
        Actions.OfType<SessionAction.Send>().Where(s => side is null || s.Side == side).ToList();

    public List<MessageType> SentTypes(ConnectionSide? side = null) => Sent(side).Select(s => s.Type).ToList();

    public BgpError? LastNotificationSent(ConnectionSide? side = null) =>
        Sent(side).LastOrDefault(s => s.Type == MessageType.Notification) is { } n ? NotificationMessage.Decode(n.Bytes[19..]) : null;

    public int Count<T>() where T : SessionAction => Actions.OfType<T>().Count();

    public static byte[] PeerOpen(uint asn = 64512, ushort hold = 90, uint id = PeerId, BgpCapabilities? caps = null) => new OpenMessage
    {
        MyAs = OpenMessage.TwoOctetAs(asn),
        HoldTime = hold,
        BgpId = id,
        Capabilities = caps ?? SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], asn, AddPathMode.Both),
    }.Encode();

    public void Receive(byte[] message, ConnectionSide side = ConnectionSide.Outgoing) => Do(new SessionEvent.MessageReceived(side, message));

    /// <summary>Start, let the connect delay pass, connect, and exchange OPEN and KEEPALIVE on the outgoing side.</summary>
    public void Establish(ushort peerHold = 90, BgpCapabilities? caps = null)
    {
        Do(new SessionEvent.Start());
        Advance(Session.Options.ConnectDelayTime);
        Do(new SessionEvent.TcpConnected(ConnectionSide.Outgoing));
        Receive(PeerOpen(Session.Options.PeerAs, peerHold, caps: caps));
        Receive(BgpWire.Keepalive());
        Assert.That(Session.State, Is.EqualTo(BgpState.Established));
    }
}
