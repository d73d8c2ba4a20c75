using System.Collections.Concurrent;
using System.Diagnostics;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;

namespace Bgpd.Rib;

/// <summary>
/// The single owner of routing state (BIRD's event loop): every change to tables or protocols is a
/// work item posted here and run one at a time, so routing logic needs no locks.
/// Tests drive it synchronously with <see cref="RunPending"/>; the daemon runs <see cref="RunAsync"/>.
/// </summary>
/// <remarks>
/// While <see cref="RunAsync"/> runs, a post that finds the loop idle is run at once on the posting thread
/// (a trampoline): a route's way through the daemon (socket reader or netlink reader, tables, socket
/// writer) then costs no thread wake-up, which is most of its latency. Work never nests: a post from
/// running work, or while another thread runs the loop, is only queued and runs after the current item.
/// An inline run is bounded by <see cref="InlineBudget"/>; what is left then goes to the RunAsync task,
/// so a burst never holds a socket or netlink thread for long.
/// </remarks>
public sealed class RoutingLoop
{
    /// <summary>How long a posting thread may run queued work before handing the rest to the loop's own task.</summary>
    public static readonly TimeSpan InlineBudget = TimeSpan.FromMilliseconds(2);
    private static readonly long InlineBudgetTicks = (long)(InlineBudget.TotalSeconds * Stopwatch.Frequency);

    private readonly ConcurrentQueue<Action> _queue = new();
    // Rung when the runner should look at the queue: work was left by an inline run, or the loop completed.
    private readonly SemaphoreSlim _doorbell = new(0);
    private int _owned;         // 1 while some thread runs work items (the only one that may)
    private int _runnerActive;  // 1 while RunAsync runs: posts may then run inline
    private volatile bool _completed;
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

    /// <summary>
    /// Queues <paramref name="work"/>; safe from any thread. While <see cref="RunAsync"/> runs and the loop is
    /// idle, the caller's thread runs it (and what it posts) before Post returns, so never post while holding
    /// a lock that loop work may take, and don't rely on posted work not having run yet.
    /// </summary>
    public void Post(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_completed) throw new InvalidOperationException("routing loop has been stopped");
        _queue.Enqueue(work);
        if (Volatile.Read(ref _runnerActive) == 0) return;
        if (TryTakeLoop()) Drain(inline: true);
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

    /// <summary>Runs every queued item (and items they queue) on the calling thread; returns how many ran
    /// (0 when another thread is running the loop).</summary>
    public int RunPending(int maxItems = int.MaxValue)
    {
        if (!TryTakeLoop()) return 0;
        var previous = Interlocked.Exchange(ref _loopThreadId, Environment.CurrentManagedThreadId);
        try
        {
            var count = 0;
            while (count < maxItems && _queue.TryDequeue(out var work))
            {
                Execute(work);
                count++;
            }
            return count;
        }
        finally
        {
            Volatile.Write(ref _loopThreadId, previous);
            Volatile.Write(ref _owned, 0);
        }
    }

    /// <summary>Runs work items as they arrive until <see cref="Complete"/> (after the queue drains) or cancellation.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _runnerActive, 1) == 1) throw new InvalidOperationException("the routing loop is already running");
        try
        {
            while (true)
            {
                if (TryTakeLoop()) Drain(inline: false);
                if (_completed && _queue.IsEmpty && Volatile.Read(ref _owned) == 0) return;
                await _doorbell.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _runnerActive, 0);
        }
    }

    /// <summary>Stops accepting work; <see cref="RunAsync"/> ends after the queue drains.</summary>
    public void Complete()
    {
        _completed = true;
        _doorbell.Release();
    }

    /// <summary>Logs at warning level.</summary>
    public void Warn(string message) => Log(RibLogLevel.Warning, message);

    /// <summary>Logs at error level.</summary>
    public void Error(string message) => Log(RibLogLevel.Error, message);

    /// <summary>Logs a message.</summary>
    public void Log(RibLogLevel level, string message) => LogMessage?.Invoke(level, message);

    private bool TryTakeLoop() => Interlocked.CompareExchange(ref _owned, 1, 0) == 0;

    /// <summary>
    /// Runs queued work while this thread owns the loop, then lets go of it. The re-check after letting go
    /// closes the race with a post that queued its item while we still owned the loop (and so did not run it).
    /// An inline run past its budget rings the runner and returns instead.
    /// </summary>
    private void Drain(bool inline)
    {
        var previous = Interlocked.Exchange(ref _loopThreadId, Environment.CurrentManagedThreadId);
        var deadline = inline ? Stopwatch.GetTimestamp() + InlineBudgetTicks : long.MaxValue;
        var handOff = false;
        try
        {
            while (true)
            {
                while (_queue.TryDequeue(out var work))
                {
                    Execute(work);
                    if (inline && Stopwatch.GetTimestamp() > deadline && !_queue.IsEmpty)
                    {
                        handOff = true;
                        break;
                    }
                }
                Volatile.Write(ref _loopThreadId, previous);
                Volatile.Write(ref _owned, 0);
                if (handOff || _queue.IsEmpty || !TryTakeLoop()) break;
                Volatile.Write(ref _loopThreadId, Environment.CurrentManagedThreadId);
            }
        }
        catch
        {
            Volatile.Write(ref _loopThreadId, previous);
            Volatile.Write(ref _owned, 0);
            throw;
        }
        if (handOff || _completed) _doorbell.Release();
    }

    private void Execute(Action work)
    {
        try
        {
            _inWork = true;
            _workItem++;
            _workTimeMs = long.MinValue;
            work();
        }
        catch (Exception e)
        {
            // One failing work item must not stop routing for everyone else.
            Log(RibLogLevel.Error, $"routing loop work item failed: {e}");
        }
        finally
        {
            _inWork = false;
        }
    }

    private bool _inWork;
    private long _workTimeMs;
    private long _workItem;

    /// <summary>A number for the work item running now (a new one for each), or -1 outside work items: lets caches live for one item.</summary>
    internal long CurrentWorkItem => _inWork ? _workItem : -1;

    /// <summary>
    /// Milliseconds since the Unix epoch, read once per work item (BIRD's cached `now`): the routes of one
    /// received batch share a time, and a million-route burst does not read the clock a million times.
    /// </summary>
    internal long NowMs()
    {
        if (!_inWork) return Time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_workTimeMs == long.MinValue) _workTimeMs = Time.GetUtcNow().ToUnixTimeMilliseconds();
        return _workTimeMs;
    }
}
