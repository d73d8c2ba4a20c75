namespace Bgpd.Bgp.Tests;

/// <summary>A manual clock: time moves only when a test calls <see cref="Advance"/>, firing due timers in order.</summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public override DateTimeOffset GetUtcNow() => _now;
    public override long GetTimestamp() => _ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        var end = _ticks + by.Ticks;
        for (var guard = 0; guard < 100_000; guard++)
        {
            FakeTimer? next;
            lock (_timers) next = _timers.Where(t => t.Due is not null && t.Due <= end).OrderBy(t => t.Due).FirstOrDefault();
            if (next is null) break;
            var step = next.Due!.Value - _ticks;
            _ticks = next.Due.Value;
            _now += TimeSpan.FromTicks(step);
            next.Fire();
        }
        _now += TimeSpan.FromTicks(end - _ticks);
        _ticks = end;
    }

    public void AdvanceSeconds(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        public long? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._timers)
            {
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    Due = null;
                    owner._timers.Remove(this);
                    return true;
                }
                Due = owner._ticks + dueTime.Ticks;
                if (!owner._timers.Contains(this)) owner._timers.Add(this);
            }
            return true;
        }

        public void Fire()
        {
            lock (owner._timers)
            {
                if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
                {
                    Due = null;
                    owner._timers.Remove(this);
                }
                else Due += _period.Ticks;
            }
            callback(state);
        }

        public void Dispose() => Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
