using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using static Bgpd.Bgp.Tests.Session.SessionHarness;

namespace Bgpd.Bgp.Tests.Session;

/// <summary>OPEN checks, unexpected messages, NOTIFICATIONs, UPDATE handling, collisions and negotiation.</summary>
public class SessionMessageTests
{
    private const ConnectionSide Out = ConnectionSide.Outgoing;
    private const ConnectionSide In = ConnectionSide.Incoming;

    [Test]
    public void Handshake_sends_open_then_keepalive_and_negotiates_the_lower_hold_time()
    {
        var h = new SessionHarness();
        h.Do(new SessionEvent.Start());
        h.Advance(5);
        h.Do(new SessionEvent.TcpConnected(Out));
        Assert.That(h.Session.State, Is.EqualTo(BgpState.OpenSent));
        var open = OpenMessage.Decode(h.Sent(Out)[0].Bytes[19..], out _)!;
        Assert.That(open.HoldTime, Is.EqualTo(240));
        Assert.That(open.PeerAs, Is.EqualTo(64512));
        Assert.That(open.BgpId, Is.EqualTo(LocalId));
        Assert.That(open.Capabilities.RouteRefresh && open.Capabilities.EnhancedRouteRefresh, Is.True);
        h.Receive(PeerOpen(hold: 90));
        Assert.That(h.Session.State, Is.EqualTo(BgpState.OpenConfirm));
        Assert.That(h.SentTypes(Out), Is.EqualTo(new[] { MessageType.Open, MessageType.Keepalive }));
        h.Receive(BgpWire.Keepalive());
        var established = h.Actions.OfType<SessionAction.Established>().Single();
        Assert.That(established.Session.HoldTime, Is.EqualTo(90));
        Assert.That(established.Session.KeepaliveTime, Is.EqualTo(30));
        Assert.That(established.Session.PeerId, Is.EqualTo(PeerId));
        Assert.That(h.Session.DisplayState, Is.EqualTo("Established"));
    }

    [Test]
    public void Disable_after_error_turns_the_session_off()
    {
        var h = new SessionHarness(Options() with { DisableAfterError = true });
        h.Establish();
        h.Receive(Bytes_Notification(3, 1));
        Assert.That(h.Count<SessionAction.Disabled>(), Is.EqualTo(1));
        Assert.That(h.Session.Running, Is.False);
        Assert.That(h.Session.DisplayState, Is.EqualTo("Down"));
        h.Clear();
        h.Advance(1000);
        Assert.That(h.Count<SessionAction.Connect>(), Is.Zero);
    }

    private static byte[] Bytes_Notification(byte code, byte subcode, byte[]? data = null) =>
        NotificationMessage.Encode(new BgpError(code, subcode, data ?? []));

    [Test]
    public void Bad_peer_as_is_refused_with_the_as_in_the_notification()
    {
        var h = new SessionHarness();
        h.Do(new SessionEvent.Start());
        h.Advance(5);
        h.Do(new SessionEvent.TcpConnected(Out));
        h.Receive(PeerOpen(asn: 65001));
        Assert.That(h.LastNotificationSent(), Is.EqualTo(new BgpError(2, 2, new byte[] { 0, 0, 0xFD, 0xE9 })));
        Assert.That(h.Session.LastError.ToString(), Is.EqualTo("BGP Error: Bad peer AS"));
        Assert.That(h.Session.State, Is.Not.EqualTo(BgpState.OpenConfirm));
    }

    [Test]
    public void Internal_peer_with_our_bgp_identifier_is_refused()
    {
        var h = new SessionHarness();
        h.Do(new SessionEvent.Start());
        h.Advance(5);
        h.Do(new SessionEvent.TcpConnected(Out));
        h.Receive(PeerOpen(id: LocalId));
        Assert.That(h.LastNotificationSent(), Is.EqualTo(new BgpError(2, 3)));
    }

    [Test]
    public void Malformed_open_is_answered_with_its_notification()
    {
        var h = new SessionHarness();
        h.Do(new SessionEvent.Start());
        h.Advance(5);
        h.Do(new SessionEvent.TcpConnected(Out));
        var open = PeerOpen(hold: 2);
        h.Receive(open);
        Assert.That(h.LastNotificationSent(), Is.EqualTo(new BgpError(2, 6)));
        Assert.That(h.Session.LastError.ToString(), Is.EqualTo("BGP Error: Unacceptable hold time"));
    }

    [TestCase(MessageType.Update, 1)]

    [TestCase(MessageType.Keepalive, 1)]

    [TestCase(MessageType.RouteRefresh, 1)]
    public void Unexpected_message_in_open_sent_is_an_fsm_error(MessageType type, int subcode)
    {
        var h = new SessionHarness();
        h.Do(new SessionEvent.Start());
        h.Advance(5);
        h.Do(new SessionEvent.TcpConnected(Out));
        var message = type switch
        {
            MessageType.Update => UpdateEncoder.EndOfRib(BgpFamily.IPv4Unicast),
            MessageType.RouteRefresh => new RouteRefreshMessage(BgpFamily.IPv4Unicast, RouteRefreshSubtype.Request).Encode(),
            _ => BgpWire.Keepalive(),
        };
        h.Receive(message);
        Assert.That(h.LastNotificationSent(), Is.EqualTo(new BgpError(5, (byte)subcode)));
    }

    [Test]
    public void Open_in_established_is_an_fsm_error()
    {
        var h = new SessionHarness();
        h.Establish();
        h.Receive(PeerOpen());
        Assert.That(h.LastNotificationSent(), Is.EqualTo(new BgpError(5, 3)));
        Assert.That(h.Count<SessionAction.SessionDown>(), Is.EqualTo(1));
    }

    [Test]
    public void Update_in_open_confirm_is_an_fsm_error()
    {
        var h = new SessionHarness();
        h.Do(new SessionEvent.Start());
        h.Advance(5);
        h.Do(new SessionEvent.TcpConnected(Out));
        h.Receive(PeerOpen());
        h.Receive(UpdateEncoder.EndOfRib(BgpFamily.IPv4Unicast));
        Assert.That(h.LastNotificationSent(), Is.EqualTo(new BgpError(5, 2)));
    }

    [Test]
    public void Received_cease_reconnects_without_an_error_wait()
    {
        var h = new SessionHarness();
        h.Establish();
        h.Clear();
        h.Receive(Bytes_Notification(6, 2, ShutdownCommunication.Encode("maintenance")));
        Assert.That(h.Session.LastError.ToString(), Is.EqualTo("Received: Administrative shutdown"));
        Assert.That(h.Actions.OfType<SessionAction.Log>().Select(l => l.Message), Has.Some.EqualTo("Received: Administrative shutdown: \"maintenance\""));
        Assert.That(h.Count<SessionAction.SessionDown>(), Is.EqualTo(1));
        Assert.That(h.SentTypes(), Is.Empty, "no NOTIFICATION answers a NOTIFICATION");
        Assert.That(h.Session.StartupDelay, Is.Zero);
        h.Advance(5);
        Assert.That(h.Count<SessionAction.Connect>(), Is.EqualTo(1));
    }

    [Test]
    public void Received_error_notification_counts_towards_the_error_wait()
    {
        var h = new SessionHarness(Options() with { ErrorWaitTimeMin = 60 });
        h.Establish();
        h.Receive(Bytes_Notification(4, 0));
        Assert.That(h.Session.LastError.ToString(), Is.EqualTo("Received: Hold timer expired"));
        Assert.That(h.Session.StartupDelay, Is.EqualTo(60));
    }

    [Test]
    public void Lying_shutdown_communication_is_logged_as_hex_and_the_session_survives_it()
    {
        var h = new SessionHarness();
        h.Establish();
        h.Receive(Bytes_Notification(6, 2, [255, (byte)'x']));
        Assert.That(h.Actions.OfType<SessionAction.Log>().Select(l => l.Message), Has.Some.EqualTo("Received: Administrative shutdown: ff78"));
        Assert.That(h.Session.Running, Is.True);
    }

    [Test]
    public void Stop_sends_administrative_shutdown_with_the_message_and_shows_down()
    {
        var h = new SessionHarness();
        h.Establish();
        h.Clear();
        h.Do(new SessionEvent.Stop(2, "bye"));
        var sent = h.LastNotificationSent()!;
        Assert.That(BgpErrorText.Format(sent), Is.EqualTo("Administrative shutdown: \"bye\""));
        Assert.That(h.Count<SessionAction.SessionDown>(), Is.EqualTo(1));
        Assert.That(h.Session.DisplayState, Is.EqualTo("Down"));
        h.Advance(1000);
        Assert.That(h.Count<SessionAction.Connect>(), Is.Zero);
    }

    [Test]
    public void Socket_closed_while_established_restarts_without_error_wait()
    {
        var h = new SessionHarness();
        h.Establish();
        h.Clear();
        h.Do(new SessionEvent.TcpClosed(Out, null));
        Assert.That(h.Session.LastError.ToString(), Is.EqualTo("Socket: Connection closed"));
        Assert.That(h.Count<SessionAction.SessionDown>(), Is.EqualTo(1));
        h.Advance(5);
        Assert.That(h.Count<SessionAction.Connect>(), Is.EqualTo(1));
    }

    [Test]
    public void Framing_error_sends_its_notification()
    {
        var h = new SessionHarness();
        h.Establish();
        h.Do(new SessionEvent.FramingError(Out, BgpError.HeaderNotSynchronized()));
        Assert.That(h.LastNotificationSent(), Is.EqualTo(new BgpError(1, 1)));
        Assert.That(h.Session.LastError.ToString(), Is.EqualTo("BGP Error: Connection not synchronized"));
    }

    [Test]
    public void Treat_as_withdraw_update_keeps_the_session_and_is_handed_on()
    {
        var h = new SessionHarness();
        h.Establish(caps: SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], 64512));
        Assert.That(h.Session.Current!.AddPathReceive(BgpFamily.IPv4Unicast), Is.False);
        var body = Wire.Bytes.UpdateBody([], Wire.Bytes.Cat(Wire.Bytes.OriginAttr(9), Wire.Bytes.AsPath4(), Wire.Bytes.NextHop("10.0.0.1")), Wire.Bytes.Prefix4("10.20.0.0/16"));
        h.Receive(Wire.Bytes.Message(MessageType.Update, body));
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Established));
        var update = h.Actions.OfType<SessionAction.UpdateReceived>().Single().Update;
        Assert.That(update.Action, Is.EqualTo(UpdateErrorAction.TreatAsWithdraw));
        Assert.That(Wire.Bytes.Prefixes(update.Withdrawn(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.20.0.0/16" }));
    }

    [Test]
    public void With_reused_updates_each_update_comes_in_one_action_and_message_holding_the_latest()
    {
        var h = new SessionHarness();
        h.Session.ReuseUpdates = true;
        h.Establish(caps: SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], 64512));
        var attributes = Wire.Bytes.Cat(Wire.Bytes.OriginAttr(0), Wire.Bytes.AsPath4(), Wire.Bytes.NextHop("10.0.0.1"));
        h.Receive(Wire.Bytes.Message(MessageType.Update, Wire.Bytes.UpdateBody([], attributes, Wire.Bytes.Prefix4("10.20.0.0/16"))));
        var first = h.Actions.OfType<SessionAction.UpdateReceived>().Single();
        Assert.That(Wire.Bytes.Prefixes(first.Update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.20.0.0/16" }));
        h.Clear();

        h.Receive(Wire.Bytes.Message(MessageType.Update, Wire.Bytes.UpdateBody(Wire.Bytes.Prefix4("10.20.0.0/16"), [], [])));

        var second = h.Actions.OfType<SessionAction.UpdateReceived>().Single();
        Assert.That(second, Is.SameAs(first));
        Assert.That(Wire.Bytes.Prefixes(second.Update.Announced(BgpFamily.IPv4Unicast)), Is.Empty);
        Assert.That(Wire.Bytes.Prefixes(second.Update.Withdrawn(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.20.0.0/16" }));
    }

    [Test]
    public void Without_reuse_every_update_has_its_own_action_and_message()
    {
        var h = new SessionHarness();
        h.Establish(caps: SessionOptions.DefaultCapabilities([BgpFamily.IPv4Unicast], 64512));
        var attributes = Wire.Bytes.Cat(Wire.Bytes.OriginAttr(0), Wire.Bytes.AsPath4(), Wire.Bytes.NextHop("10.0.0.1"));
        h.Receive(Wire.Bytes.Message(MessageType.Update, Wire.Bytes.UpdateBody([], attributes, Wire.Bytes.Prefix4("10.20.0.0/16"))));
        h.Receive(Wire.Bytes.Message(MessageType.Update, Wire.Bytes.UpdateBody(Wire.Bytes.Prefix4("10.20.0.0/16"), [], [])));

        var updates = h.Actions.OfType<SessionAction.UpdateReceived>().ToList();
        Assert.That(updates, Has.Count.EqualTo(2));
        Assert.That(updates[1].Update, Is.Not.SameAs(updates[0].Update));
        Assert.That(Wire.Bytes.Prefixes(updates[0].Update.Announced(BgpFamily.IPv4Unicast)), Is.EqualTo(new[] { "10.20.0.0/16" }));
    }

    [Test]
    public void Update_needing_a_reset_sends_its_notification_and_hands_on_nothing()
    {
        var h = new SessionHarness();
        h.Establish();
        h.Receive(Wire.Bytes.Message(MessageType.Update, Wire.Bytes.Cat(Wire.Bytes.U16(99), Wire.Bytes.U16(0))));
        Assert.That(h.LastNotificationSent(), Is.EqualTo(new BgpError(3, 1)));
        Assert.That(h.Count<SessionAction.UpdateReceived>(), Is.Zero);
        Assert.That(h.Count<SessionAction.SessionDown>(), Is.EqualTo(1));
    }

    [Test]
    public void Route_refresh_is_handed_on_and_a_bad_one_is_error_7_1()
    {
        var h = new SessionHarness();
        h.Establish();
        h.Receive(new RouteRefreshMessage(BgpFamily.IPv4Unicast, RouteRefreshSubtype.Request).Encode());
        Assert.That(h.Actions.OfType<SessionAction.RouteRefreshReceived>().Single().Refresh.Family, Is.EqualTo(BgpFamily.IPv4Unicast));
        h.Receive(Wire.Bytes.Message(MessageType.RouteRefresh, [0, 1, 0]));
        Assert.That(h.LastNotificationSent()!.Code, Is.EqualTo(7));
    }

    [Test]
    public void Collision_in_open_confirm_keeps_the_connection_of_the_higher_bgp_identifier()
    {
        // The peer's id is higher: its (incoming) connection wins, ours is closed with Cease 6/7.
        var h = new SessionHarness();
        h.Do(new SessionEvent.Start());
        h.Advance(5);
        h.Do(new SessionEvent.TcpConnected(Out));
        h.Receive(PeerOpen(), Out);
        Assert.That(h.Session.StateOf(Out), Is.EqualTo(BgpState.OpenConfirm));
        Assert.That(h.Offer(), Is.True);
        h.Receive(PeerOpen(), In);
        Assert.That(h.LastNotificationSent(Out), Is.EqualTo(BgpError.Cease(7)));
        Assert.That(h.Session.StateOf(Out), Is.EqualTo(BgpState.Idle));
        Assert.That(h.Session.StateOf(In), Is.EqualTo(BgpState.OpenConfirm));
        h.Receive(BgpWire.Keepalive(), In);
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Established));
    }

    [Test]
    public void Collision_in_open_confirm_keeps_our_connection_when_our_identifier_is_higher()
    {
        var h = new SessionHarness();
        h.Do(new SessionEvent.Start());
        h.Advance(5);
        h.Do(new SessionEvent.TcpConnected(Out));
        h.Receive(PeerOpen(id: 0x01000000), Out);
        h.Offer();
        h.Receive(PeerOpen(id: 0x01000000), In);
        Assert.That(h.LastNotificationSent(In), Is.EqualTo(BgpError.Cease(7)));
        Assert.That(h.Session.StateOf(Out), Is.EqualTo(BgpState.OpenConfirm));
        Assert.That(h.Session.StateOf(In), Is.EqualTo(BgpState.Idle));
        Assert.That(h.Session.StartupDelay, Is.Zero, "collision resolution is not an error");
    }

    [Test]
    public void Open_on_a_new_connection_while_established_loses_the_collision()
    {
        var h = new SessionHarness();
        h.Establish();
        Assert.That(h.Offer(), Is.True);
        h.Receive(PeerOpen(), In);
        Assert.That(h.LastNotificationSent(In), Is.EqualTo(BgpError.Cease(7)));
        Assert.That(h.Session.StateOf(Out), Is.EqualTo(BgpState.Established));
        Assert.That(h.Count<SessionAction.SessionDown>(), Is.Zero);
    }

    [Test]
    public void Open_on_the_incoming_connection_stops_the_outgoing_attempt()
    {
        var h = new SessionHarness();
        h.Do(new SessionEvent.Start());
        h.Advance(5);
        Assert.That(h.Session.StateOf(Out), Is.EqualTo(BgpState.Connect));
        h.Offer();
        h.Receive(PeerOpen(), In);
        Assert.That(h.Session.StateOf(Out), Is.EqualTo(BgpState.Idle));
        Assert.That(h.Actions.OfType<SessionAction.Close>().Select(c => c.Side), Has.Member(Out));
        h.Receive(BgpWire.Keepalive(), In);
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Established));
    }

    [Test]
    public void Two_octet_peer_and_add_path_directions_are_negotiated()
    {
        var peerCaps = new BgpCapabilities
        {
            Multiprotocol = [BgpFamily.IPv4Unicast],
            AddPath = [new AddPathFamily(BgpFamily.IPv4Unicast, AddPathMode.Send)],
        };
        var h = new SessionHarness();
        h.Establish(caps: peerCaps);
        var negotiated = h.Session.Current!;
        Assert.That(negotiated.FourOctetAs, Is.False);
        Assert.That(negotiated.AddPathReceive(BgpFamily.IPv4Unicast), Is.True);
        Assert.That(negotiated.AddPathSend(BgpFamily.IPv4Unicast), Is.False);
        Assert.That(negotiated.DecodeOptions, Is.EqualTo(new UpdateDecodeOptions(TwoOctetAs: true, IsInternal: true, AddPathIPv4: true)));
        Assert.That(negotiated.RouteRefresh, Is.False);
    }
}
