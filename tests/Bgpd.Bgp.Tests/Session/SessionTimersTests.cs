using Bgpd.Bgp.Session;

namespace Bgpd.Bgp.Tests.Session;

/// <summary>The timer driver: a re-arm moves the deadline (later or earlier), a cancel stops it, one expiry per arm.</summary>
public class SessionTimersTests
{
    private FakeTimeProvider _time = null!;
    private List<(SessionTimer, ConnectionSide)> _expired = null!;

    [SetUp]
    public void FreshClock()
    {
        _time = new FakeTimeProvider();
        _expired = [];
    }

    private SessionTimers Timers() => new(_time, (timer, side) => _expired.Add((timer, side)));

    [Test]
    public void Expires_once_at_its_deadline()
    {
        using var timers = Timers();
        timers.Arm(SessionTimer.Hold, ConnectionSide.Incoming, TimeSpan.FromSeconds(10));
        _time.AdvanceSeconds(9.9);
        Assert.That(_expired, Is.Empty);
        _time.AdvanceSeconds(0.2);
        _time.AdvanceSeconds(60);
        Assert.That(_expired, Is.EqualTo(new[] { (SessionTimer.Hold, ConnectionSide.Incoming) }));
        Assert.That(timers.IsArmed(SessionTimer.Hold, ConnectionSide.Incoming), Is.False);
    }

    [Test]
    public void A_later_re_arm_moves_the_expiry_to_the_new_deadline()
    {
        using var timers = Timers();
        timers.Arm(SessionTimer.Hold, ConnectionSide.Incoming, TimeSpan.FromSeconds(10));
        _time.AdvanceSeconds(5);
        timers.Arm(SessionTimer.Hold, ConnectionSide.Incoming, TimeSpan.FromSeconds(10));
        _time.AdvanceSeconds(9.9); // 14.9 s: past the first deadline, before the second
        Assert.That(_expired, Is.Empty);
        Assert.That(timers.IsArmed(SessionTimer.Hold, ConnectionSide.Incoming), Is.True);
        _time.AdvanceSeconds(0.2);
        Assert.That(_expired, Has.Count.EqualTo(1));
    }

    [Test]
    public void An_earlier_re_arm_expires_at_the_earlier_deadline()
    {
        using var timers = Timers();
        timers.Arm(SessionTimer.Keepalive, ConnectionSide.Outgoing, TimeSpan.FromSeconds(30));
        timers.Arm(SessionTimer.Keepalive, ConnectionSide.Outgoing, TimeSpan.FromSeconds(3));
        _time.AdvanceSeconds(3.1);
        Assert.That(_expired, Is.EqualTo(new[] { (SessionTimer.Keepalive, ConnectionSide.Outgoing) }));
        _time.AdvanceSeconds(60);
        Assert.That(_expired, Has.Count.EqualTo(1), "the first arm's firing is not delivered too");
    }

    [Test]
    public void A_cancelled_timer_does_not_expire_and_can_be_armed_again()
    {
        using var timers = Timers();
        timers.Arm(SessionTimer.ConnectRetry, ConnectionSide.Outgoing, TimeSpan.FromSeconds(5));
        timers.Cancel(SessionTimer.ConnectRetry, ConnectionSide.Outgoing);
        _time.AdvanceSeconds(10);
        Assert.That(_expired, Is.Empty);
        timers.Arm(SessionTimer.ConnectRetry, ConnectionSide.Outgoing, TimeSpan.FromSeconds(5));
        _time.AdvanceSeconds(5.1);
        Assert.That(_expired, Has.Count.EqualTo(1));
    }

    [Test]
    public void After_dispose_nothing_expires_and_a_restarted_protocol_can_arm_again()
    {
        var timers = Timers();
        timers.Arm(SessionTimer.Hold, ConnectionSide.Incoming, TimeSpan.FromSeconds(5));
        timers.Dispose();
        _time.AdvanceSeconds(10);
        Assert.That(_expired, Is.Empty);
        timers.Arm(SessionTimer.Hold, ConnectionSide.Incoming, TimeSpan.FromSeconds(5));
        _time.AdvanceSeconds(5.1);
        Assert.That(_expired, Has.Count.EqualTo(1));
    }
}
