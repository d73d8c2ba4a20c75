using System.Threading.Channels;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;

namespace Bgpd.Rib;

/// <summary>
/// The single owner of routing state (BIRD's event loop): every change to tables or protocols is a
/// work item posted here and run one at a time by one reader, so routing logic needs no locks.
/// Tests drive it synchronously with <see cref="RunPending"/>; the daemon runs <see cref="RunAsync"/>.
/// </summary>
public sealed class RoutingLoop
{
    // Continuations stay asynchronous. Resuming the loop on the posting thread (tried for latency: pair
    // bench p50 about halved) left a bgpd route reflector stuck with UPDATEs unsent in a burst (scale bench
    // 3x400, BIRD computes: 2 of 2 runs, none without). Suspected: a BGP writer task that posted
    // WriteStalled became the loop and stopped writing. Revisit only with posters that may run the loop.
    private readonly Channel<Action> _queue = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private int _loopThreadId;

    /// <summary>Creates a loop using <paramref name="time"/> for route and protocol timestamps.</summary>
    public RoutingLoop(TimeProvider? time = null) => Time = time ?? TimeProvider.System;

    /// <summary>Clock for `since` and route ages (a fake one in tests).</summary>
    public TimeProvider Time { get; }
    /// <summary>The attribute interner shared by all tables of this loop (thread-safe).</summary>
    public AttributeCache Attributes { get; } = new();
    /// <summary>A reusable editor for filter runs on the loop.</summary>
    public RouteEditor Editor { get; } = new();
    /// <summary>Messages for the daemon's log (raised on the loop).</summary>
    public event Action<RibLogLevel, string>? LogMessage;

    /// <summary>True when the caller is running a work item of this loop.</summary>
    public bool IsOnLoop => Volatile.Read(ref _loopThreadId) == Environment.CurrentManagedThreadId;

    /// <summary>Queues <paramref name="work"/>; safe from any thread.</summary>
    public void Post(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_queue.Writer.TryWrite(work)) throw new InvalidOperationException("routing loop has been stopped");
    }

    /// <summary>Runs <paramref name="query"/> on the loop and returns its result (`show route` etc.); inline when already on the loop.</summary>
    public Task<T> InvokeAsync<T>(Func<T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (IsOnLoop) return Task.FromResult(query());
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try { done.SetResult(query()); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }

    /// <summary>Runs <paramref name="work"/> on the loop and completes when it has run.</summary>
    public Task InvokeAsync(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InvokeAsync(() =>
        {
            work();
            return true;
        });
    }

    /// <summary>Runs every queued item (and items they queue) on the calling thread; returns how many ran.</summary>
    public int RunPending(int maxItems = int.MaxValue)
    {
        var previous = Interlocked.Exchange(ref _loopThreadId, Environment.CurrentManagedThreadId);
        try
        {
            var count = 0;
            while (count < maxItems && _queue.Reader.TryRead(out var work))
            {
                Execute(work);
                count++;
            }
            return count;
        }
        finally
        {
            Volatile.Write(ref _loopThreadId, previous);
        }
    }

    /// <summary>Runs work items as they arrive until <see cref="Complete"/> or cancellation.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Volatile.Write(ref _loopThreadId, Environment.CurrentManagedThreadId);
            try
            {
                while (reader.TryRead(out var work)) Execute(work);
            }
            finally
            {
                Volatile.Write(ref _loopThreadId, 0);
            }
        }
    }

    /// <summary>Stops accepting work; <see cref="RunAsync"/> ends after the queue drains.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Logs at warning level.</summary>
    public void Warn(string message) => Log(RibLogLevel.Warning, message);

    /// <summary>Logs at error level.</summary>
    public void Error(string message) => Log(RibLogLevel.Error, message);

    /// <summary>Logs a message.</summary>
    public void Log(RibLogLevel level, string message) => LogMessage?.Invoke(level, message);

    private void Execute(Action work)
    {
        try
        {
            work();
        }
        catch (Exception e)
        {
            // One failing work item must not stop routing for everyone else.
            Log(RibLogLevel.Error, $"routing loop work item failed: {e}");
        }
    }
}
