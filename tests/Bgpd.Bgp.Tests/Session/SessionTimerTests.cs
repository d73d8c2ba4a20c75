using Bgpd.Bgp.Session;
using Bgpd.Bgp.Wire;
using static Bgpd.Bgp.Tests.Session.SessionHarness;

namespace Bgpd.Bgp.Tests.Session;

/// <summary>Connecting, BIRD's delays, hold/keepalive/send-hold timers and the error wait, under a fake clock.</summary>
public class SessionTimerTests
{
    private const ConnectionSide Out = ConnectionSide.Outgoing;
    private const ConnectionSide In = ConnectionSide.Incoming;

    [Test]
    public void Start_waits_the_connect_delay_then_connects()
    {
        var h = new SessionHarness(Options() with { ConnectDelayTime = 5 });
        h.Do(new SessionEvent.Start());
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Active));
        h.Advance(4.9);
        Assert.That(h.Count<SessionAction.Connect>(), Is.Zero);
        h.Advance(0.1);
        Assert.That(h.Count<SessionAction.Connect>(), Is.EqualTo(1));
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Connect));
        Assert.That(h.Session.DisplayState, Is.EqualTo("Connect"));
    }

    [Test]
    public void Connect_delay_of_zero_still_waits_one_second()
    {
        var h = new SessionHarness(Options() with { ConnectDelayTime = 0 });
        h.Do(new SessionEvent.Start());
        h.Advance(0.5);
        Assert.That(h.Count<SessionAction.Connect>(), Is.Zero);
        h.Advance(0.5);
        Assert.That(h.Count<SessionAction.Connect>(), Is.EqualTo(1));
    }

    [Test]
    public void Unanswered_connect_is_retried_after_connect_retry_time()
    {
        var h = new SessionHarness(Options() with { ConnectDelayTime = 1, ConnectRetryTime = 3 });
        h.Do(new SessionEvent.Start());
        h.Advance(1);
        h.Advance(2.9);
        Assert.That(h.Count<SessionAction.Connect>(), Is.EqualTo(1));
        h.Advance(0.1);
        Assert.That(h.Count<SessionAction.Connect>(), Is.EqualTo(2));
        Assert.That(h.Actions.OfType<SessionAction.Close>().Single().Side, Is.EqualTo(Out));
    }

    [Test]
    public void Failed_connect_is_shown_as_a_socket_error_and_retried_after_the_connect_delay()
    {
        var h = new SessionHarness(Options() with { ConnectDelayTime = 2 });
        h.Do(new SessionEvent.Start());
        h.Advance(2);
        h.Do(new SessionEvent.TcpConnectFailed(Out, "No route to host"));
        Assert.That(h.Session.LastError.ToString(), Is.EqualTo("Socket: No route to host"));
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Active));
        h.Advance(2);
        Assert.That(h.Count<SessionAction.Connect>(), Is.EqualTo(2));
        Assert.That(h.Session.StartupDelay, Is.Zero);
    }

    [Test]
    public void Passive_session_never_connects_and_shows_passive()
    {
        var h = new SessionHarness(Options() with { Passive = true });
        h.Do(new SessionEvent.Start());
        h.Advance(1000);
        Assert.That(h.Count<SessionAction.Connect>(), Is.Zero);
        Assert.That(h.Session.DisplayState, Is.EqualTo("Passive"));
        Assert.That(h.Offer(), Is.True);
        Assert.That(h.Session.StateOf(In), Is.EqualTo(BgpState.OpenSent));
        Assert.That(h.SentTypes(In), Is.EqualTo(new[] { MessageType.Open }));
    }

    [Test]
    public void Stopped_session_shows_down_and_refuses_incoming_connections()
    {
        var h = new SessionHarness();
        Assert.That(h.Session.DisplayState, Is.EqualTo("Down"));
        Assert.That(h.Offer(), Is.False);
        h.Do(new SessionEvent.Start());
        Assert.That(h.Offer(), Is.True);
        Assert.That(h.Offer(), Is.False, "the incoming side is already in use");
    }

    [Test]
    public void Keepalives_are_sent_every_keepalive_time()
    {
        var h = new SessionHarness();
        h.Establish(peerHold: 90);
        h.Clear();
        h.Advance(29);
        Assert.That(h.SentTypes(), Is.Empty);
        h.Advance(1);
        Assert.That(h.SentTypes(), Is.EqualTo(new[] { MessageType.Keepalive }));
        h.Receive(BgpWire.Keepalive());
        h.Advance(30);
        Assert.That(h.SentTypes(), Is.EqualTo(new[] { MessageType.Keepalive, MessageType.Keepalive }));
    }

    [Test]
    public void Configured_keepalive_time_overrides_a_third_of_the_hold_time()
    {
        var h = new SessionHarness(Options() with { KeepaliveTime = 10 });
        h.Establish(peerHold: 90);
        Assert.That(h.Session.Current!.KeepaliveTime, Is.EqualTo(10));
    }

    [Test]
    public void Hold_timer_expiry_sends_notification_and_waits_the_error_wait_before_reconnecting()
    {
        var h = new SessionHarness(Options() with { ErrorWaitTimeMin = 60, ErrorWaitTimeMax = 300, ConnectDelayTime = 5 });
        h.Establish(peerHold: 90);
        h.Clear();
        h.Advance(89);
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Established));
        h.Advance(1);
        Assert.That(h.LastNotificationSent(), Is.EqualTo(BgpError.HoldTimerExpired()));
        Assert.That(h.Session.LastError.ToString(), Is.EqualTo("BGP Error: Hold timer expired"));
        Assert.That(h.Count<SessionAction.SessionDown>(), Is.EqualTo(1));
        Assert.That(h.Session.StartupDelay, Is.EqualTo(60));
        h.Clear();
        h.Advance(60 + 5 - 0.1);
        Assert.That(h.Count<SessionAction.Connect>(), Is.Zero);
        h.Advance(0.1);
        Assert.That(h.Count<SessionAction.Connect>(), Is.EqualTo(1));
    }

    [Test]
    public void Keepalive_from_the_peer_restarts_the_hold_timer()
    {
        var h = new SessionHarness();
        h.Establish(peerHold: 90);
        h.Advance(80);
        h.Receive(BgpWire.Keepalive());
        h.Advance(80);
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Established));
        Assert.That(h.Session.Timers!.Value.HoldLeft, Is.EqualTo(10));
    }

    [Test]
    public void Startup_hold_time_limits_the_wait_for_the_peers_open()
    {
        var h = new SessionHarness(Options() with { StartupHoldTime = 30 });
        h.Do(new SessionEvent.Start());
        h.Advance(5);
        h.Do(new SessionEvent.TcpConnected(Out));
        h.Advance(29);
        Assert.That(h.Session.State, Is.EqualTo(BgpState.OpenSent));
        h.Advance(1);
        Assert.That(h.LastNotificationSent(), Is.EqualTo(BgpError.HoldTimerExpired()));
        Assert.That(h.Session.StateOf(Out), Is.EqualTo(BgpState.Idle));
    }

    [Test]
    public void Hold_time_zero_disables_hold_and_keepalive_timers()
    {
        var h = new SessionHarness();
        h.Establish(peerHold: 0);
        h.Clear();
        h.Advance(100_000);
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Established));
        Assert.That(h.SentTypes(), Is.Empty);
        Assert.That(h.Timers.IsArmed(SessionTimer.Hold, Out) || h.Timers.IsArmed(SessionTimer.Keepalive, Out), Is.False);
    }

    [Test]
    public void Error_wait_doubles_from_min_to_max_and_is_forgotten_after_error_forget_time()
    {
        var h = new SessionHarness(Options() with { ErrorWaitTimeMin = 10, ErrorWaitTimeMax = 35, ErrorForgetTime = 1000, ConnectDelayTime = 1 });
        var delays = new List<int>();
        h.Do(new SessionEvent.Start());
        for (var i = 0; i < 4; i++)
        {
            h.Advance(h.Session.StartupDelay + 1);
            h.Do(new SessionEvent.TcpConnected(Out));
            h.Receive(PeerOpen(asn: 65999));
            delays.Add(h.Session.StartupDelay);
        }
        Assert.That(delays, Is.EqualTo(new[] { 10, 20, 35, 35 }));
        h.Advance(2000);
        h.Do(new SessionEvent.TcpConnected(Out));
        h.Receive(PeerOpen(asn: 65999));
        Assert.That(h.Session.StartupDelay, Is.EqualTo(10));
    }

    [Test]
    public void Send_hold_timer_drops_a_peer_that_stops_reading()
    {
        var h = new SessionHarness();
        h.Establish(peerHold: 90);
        h.Clear();
        h.Do(new SessionEvent.WriteStalled(Out));
        for (var i = 0; i < 7; i++)
        {
            h.Advance(60);
            h.Receive(BgpWire.Keepalive());
        }
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Established), "420 s: still within max(480, 2 x 90)");
        h.Advance(60);
        Assert.That(h.LastNotificationSent(), Is.EqualTo(BgpError.SendHoldTimerExpired()));
        Assert.That(h.Session.LastError.ToString(), Is.EqualTo("BGP Error: Send hold timer expired"));
        Assert.That(h.Count<SessionAction.SessionDown>(), Is.EqualTo(1));
    }

    [Test]
    public void Draining_the_write_queue_cancels_the_send_hold_timer()
    {
        var h = new SessionHarness(Options() with { SendHoldTime = TimeSpan.FromSeconds(20) });
        h.Establish(peerHold: 90);
        h.Do(new SessionEvent.WriteStalled(Out));
        h.Advance(19);
        h.Do(new SessionEvent.WriteDrained(Out));
        h.Advance(30);
        Assert.That(h.Session.State, Is.EqualTo(BgpState.Established));
    }

    [Test]
    public void Timers_report_seconds_left_as_bird_shows_them()
    {
        var h = new SessionHarness();
        h.Establish(peerHold: 240);
        h.Advance(37);
        Assert.That(h.Session.Timers, Is.EqualTo((203, 240, 43, 80)));
    }

    [Test]
    public void Sending_updates_restarts_the_keepalive_timer()
    {
        var h = new SessionHarness();
        h.Establish(peerHold: 90);
        h.Advance(20);
        h.Record(h.Session.SendOnEstablished([UpdateEncoder.EndOfRib(BgpFamily.IPv4Unicast)]));
        h.Clear();
        h.Advance(29);
        Assert.That(h.SentTypes(), Is.Empty);
        h.Advance(1);
        Assert.That(h.SentTypes(), Is.EqualTo(new[] { MessageType.Keepalive }));
    }
}
