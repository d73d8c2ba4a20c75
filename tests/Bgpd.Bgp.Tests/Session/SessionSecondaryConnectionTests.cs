using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using static Bgpd.Bgp.Tests.Session.SessionHarness;

namespace Bgpd.Bgp.Tests.Session;

/// <summary>The second connection of a session that is already Established (a collision's loser, a late attempt).</summary>
public class SessionSecondaryConnectionTests
{
    private const ConnectionSide Out = ConnectionSide.Outgoing;
    private const ConnectionSide In = ConnectionSide.Incoming;

    /// <summary>Our connect is in OpenSent when the peer's connection (incoming) becomes Established.</summary>
    private static SessionHarness EstablishedOnIncomingWithOutgoingInOpenSent()
    {
        var h = new SessionHarness();
        h.Do(new SessionEvent.Start());
        h.Advance(h.Session.Options.ConnectDelayTime);
        h.Do(new SessionEvent.TcpConnected(Out));
        Assert.That(h.Offer(), Is.True);
        h.Receive(PeerOpen(), In);
        h.Receive(BgpWire.Keepalive(), In);
        Assert.That((h.Session.StateOf(In), h.Session.StateOf(Out)), Is.EqualTo((BgpState.Established, BgpState.OpenSent)));
        return h;
    }

    [Test]
    public void Peer_closing_the_losing_connection_is_not_the_established_sessions_last_error()
    {
        var h = EstablishedOnIncomingWithOutgoingInOpenSent();
        h.Do(new SessionEvent.TcpClosed(Out, null));
        Assert.That(h.Session.LastError.IsNone, Is.True, h.Session.LastError.ToString());
        Assert.That(h.Session.DisplayState, Is.EqualTo("Established"));
    }

    [Test]
    public void Notification_on_the_losing_connection_is_not_the_established_sessions_last_error()
    {
        var h = EstablishedOnIncomingWithOutgoingInOpenSent();
        h.Receive(NotificationMessage.Encode(BgpError.Cease(7)), Out);
        Assert.That(h.Session.LastError.IsNone, Is.True, h.Session.LastError.ToString());
    }

    [Test]
    public void No_new_connection_is_attempted_while_a_session_is_established()
    {
        var h = EstablishedOnIncomingWithOutgoingInOpenSent();
        h.Do(new SessionEvent.TcpClosed(Out, null));
        h.Clear();
        h.Advance(60); // well past the connect delay, inside the 90 s hold time
        Assert.That(h.Count<SessionAction.Connect>(), Is.Zero, string.Join("\n", h.Actions));
        Assert.That((h.Session.StateOf(In), h.Session.StateOf(Out)), Is.EqualTo((BgpState.Established, BgpState.Idle)));
    }

    [Test]
    public void Error_on_the_other_connection_takes_the_established_session_down_as_bird_does()
    {
        var h = new SessionHarness();
        h.Establish();
        Assert.That(h.Offer(), Is.True);
        h.Clear();
        h.Receive(BgpWire.Keepalive(), In); // KEEPALIVE in OpenSent: FSM error on the incoming side
        Assert.That(h.LastNotificationSent(In)!.Code, Is.EqualTo(BgpError.Codes.Fsm));
        Assert.That(h.LastNotificationSent(Out), Is.EqualTo(BgpError.Cease(0)));
        Assert.That(h.Count<SessionAction.SessionDown>(), Is.EqualTo(1));
        Assert.That(h.Session.Current, Is.Null);
    }

    [Test]
    public void Restart_after_an_error_never_reuses_the_established_outgoing_side_silently()
    {
        var h = new SessionHarness();
        h.Establish();
        h.Offer();
        h.Receive(BgpWire.Keepalive(), In);
        h.Advance(h.Session.StartupDelay + h.Session.Options.ConnectDelayTime + 1);
        // Every Established connection that stopped being Established was reported as SessionDown.
        var leftEstablished = h.Actions.OfType<SessionAction.ConnectionStateChanged>().Count(c => c.From == BgpState.Established);
        Assert.That(leftEstablished, Is.EqualTo(1));
        Assert.That(h.Count<SessionAction.SessionDown>(), Is.EqualTo(1));
    }
}
