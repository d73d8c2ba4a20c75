namespace Bgpd.Bgp.Session;

/// <summary>
/// Turns ArmTimer/CancelTimer actions into real timers on a <see cref="TimeProvider"/>; on expiry it
/// calls back with the timer so the driver can feed <see cref="SessionEvent.TimerExpired"/> into the
/// session on its loop. A re-armed timer replaces the old one, so a stale expiry is never delivered.
/// </summary>
public sealed class SessionTimers : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Action<SessionTimer, ConnectionSide> _expired;
    private readonly Dictionary<(SessionTimer, ConnectionSide), (ITimer Timer, long Generation)> _timers = [];
    private readonly object _gate = new();
    private long _generation;

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
        lock (_gate) return _timers.ContainsKey((timer, side));
    }

    public void Arm(SessionTimer timer, ConnectionSide side, TimeSpan after)
    {
        lock (_gate)
        {
            Cancel(timer, side);
            var generation = ++_generation;
            var handle = _time.CreateTimer(_ => Fire(timer, side, generation), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timers[(timer, side)] = (handle, generation);
            handle.Change(after, Timeout.InfiniteTimeSpan);
        }
    }

    public void Cancel(SessionTimer timer, ConnectionSide side)
    {
        lock (_gate)
        {
            if (_timers.Remove((timer, side), out var entry)) entry.Timer.Dispose();
        }
    }

    private void Fire(SessionTimer timer, ConnectionSide side, long generation)
    {
        lock (_gate)
        {
            if (!_timers.TryGetValue((timer, side), out var entry) || entry.Generation != generation) return;
            _timers.Remove((timer, side));
            entry.Timer.Dispose();
        }
        _expired(timer, side);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _timers.Values) entry.Timer.Dispose();
            _timers.Clear();
        }
    }
}
