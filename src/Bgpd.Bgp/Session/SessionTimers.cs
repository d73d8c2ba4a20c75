namespace Bgpd.Bgp.Session;

/// <summary>
/// Turns ArmTimer/CancelTimer actions into real timers on a <see cref="TimeProvider"/>; on expiry it
/// calls back with the timer so the driver can feed <see cref="SessionEvent.TimerExpired"/> into the
/// session on its loop. A re-armed timer replaces the old deadline, so a stale expiry is never delivered.
/// </summary>
/// <remarks>
/// The hold timer is re-armed by every message received and the keepalive timer by every message sent,
/// so re-arming must cost next to nothing on a route's way: each (timer, side) keeps one platform timer
/// for the session's life, and a re-arm that only moves the deadline later just records it. The timer
/// then fires at the earlier time, sees the deadline has moved and sleeps again for the rest.
/// </remarks>
public sealed class SessionTimers : IDisposable
{
    private sealed class Slot
    {
        public ITimer? Timer;
        public bool Armed;
        /// <summary>When the timer expires (TimeProvider timestamp).</summary>
        public long Deadline;
        /// <summary>When the platform timer is set to fire; never after <see cref="Deadline"/>.</summary>
        public long Scheduled;
    }

    private readonly TimeProvider _time;
    private readonly Action<SessionTimer, ConnectionSide> _expired;
    private readonly Dictionary<(SessionTimer, ConnectionSide), Slot> _slots = [];
    private readonly object _gate = new();

    public SessionTimers(TimeProvider time, Action<SessionTimer, ConnectionSide> expired)
    {
        _time = time;
        _expired = expired;
    }

    /// <summary>Applies the timer actions in <paramref name="actions"/>; other actions are ignored.</summary>
    public void Apply(IEnumerable<SessionAction> actions)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case SessionAction.ArmTimer arm: Arm(arm.Timer, arm.Side, arm.After); break;
                case SessionAction.CancelTimer cancel: Cancel(cancel.Timer, cancel.Side); break;
            }
        }
    }

    public bool IsArmed(SessionTimer timer, ConnectionSide side)
    {
        lock (_gate) return _slots.TryGetValue((timer, side), out var slot) && slot.Armed;
    }

    public void Arm(SessionTimer timer, ConnectionSide side, TimeSpan after)
    {
        lock (_gate)
        {
            var deadline = _time.GetTimestamp() + Ticks(after);
            if (!_slots.TryGetValue((timer, side), out var slot))
            {
                slot = new Slot();
                _slots[(timer, side)] = slot;
            }
            var wasArmed = slot.Armed;
            slot.Armed = true;
            slot.Deadline = deadline;
            // Later than the platform timer's firing: it wakes first and sleeps again (see Fire).
            if (wasArmed && slot.Scheduled <= deadline) return;
            slot.Scheduled = deadline;
            slot.Timer ??= CreateTimer(timer, side, slot);
            slot.Timer.Change(after < TimeSpan.Zero ? TimeSpan.Zero : after, Timeout.InfiniteTimeSpan);
        }
    }

    // A method of its own: a lambda in Arm would capture its parameters, and the closure would be
    // allocated on every Arm (every UPDATE re-arms the hold timer), not only when a timer is created.
    private ITimer CreateTimer(SessionTimer timer, ConnectionSide side, Slot slot) =>
        _time.CreateTimer(_ => Fire(timer, side, slot), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public void Cancel(SessionTimer timer, ConnectionSide side)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue((timer, side), out var slot) || !slot.Armed) return;
            slot.Armed = false;
            slot.Timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire(SessionTimer timer, ConnectionSide side, Slot slot)
    {
        lock (_gate)
        {
            if (!slot.Armed) return;
            var now = _time.GetTimestamp();
            if (now < slot.Deadline)
            {
                // Re-armed since this firing was set (or a firing of an earlier arm): sleep until the deadline.
                slot.Scheduled = slot.Deadline;
                slot.Timer!.Change(Span(slot.Deadline - now), Timeout.InfiniteTimeSpan);
                return;
            }
            slot.Armed = false;
        }
        _expired(timer, side);
    }

    private long Ticks(TimeSpan span) => (long)(span.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private TimeSpan Span(long ticks) => TimeSpan.FromTicks((long)Math.Ceiling(ticks * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency));

    /// <summary>Stops every timer (a protocol going down); arming again afterwards works (it may restart).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var slot in _slots.Values)
            {
                slot.Armed = false;
                slot.Timer?.Dispose();
            }
            _slots.Clear();
        }
    }
}
