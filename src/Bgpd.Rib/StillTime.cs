namespace Bgpd.Rib;

/// <summary>
/// A clock whose timers never fire, for the start-up warm-ups that run the route path on a private
/// <see cref="RoutingLoop"/>: nothing of that loop is ever run later by a timer.
/// </summary>
public sealed class StillTime : TimeProvider
{
    public static readonly StillTime Instance = new();

    private StillTime() { }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => NeverTimer.Instance;

    private sealed class NeverTimer : ITimer
    {
        public static readonly NeverTimer Instance = new();
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
