using Bgpd.Rib.Tests.Support;
using NUnit.Framework;

namespace Bgpd.Rib.Tests;

public class RoutingLoopTests
{
    [Test]
    public void Posted_work_runs_in_order_including_work_posted_while_running()
    {
        var loop = new RoutingLoop(new FakeTimeProvider());
        var order = new List<int>();
        loop.Post(() =>
        {
            order.Add(1);
            loop.Post(() => order.Add(3));
        });
        loop.Post(() => order.Add(2));

        Assert.That(loop.RunPending(), Is.EqualTo(3));
        Assert.That(order, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task Queries_run_on_the_loop_and_return_their_result()
    {
        var loop = new RoutingLoop(new FakeTimeProvider());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = Task.Run(() => loop.RunAsync(cts.Token));
        var onLoop = await loop.InvokeAsync(() => loop.IsOnLoop);
        var sum = await loop.InvokeAsync(() => Enumerable.Range(1, 10).Sum());
        loop.Complete();
        await running;

        Assert.That(onLoop, Is.True);
        Assert.That(sum, Is.EqualTo(55));
        Assert.That(loop.IsOnLoop, Is.False);
    }

    [Test]
    public async Task A_failing_query_faults_its_task_and_the_loop_goes_on()
    {
        var loop = new RoutingLoop(new FakeTimeProvider());
        var errors = new List<string>();
        loop.LogMessage += (_, m) => errors.Add(m);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = Task.Run(() => loop.RunAsync(cts.Token));

        Assert.ThrowsAsync<InvalidOperationException>(() => loop.InvokeAsync<int>(() => throw new InvalidOperationException("boom")));
        loop.Post(() => throw new InvalidOperationException("posted boom"));
        var after = await loop.InvokeAsync(() => 42);
        loop.Complete();
        await running;

        Assert.That(after, Is.EqualTo(42));
        Assert.That(errors.Any(e => e.Contains("posted boom", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Posting_after_complete_is_refused()
    {
        var loop = new RoutingLoop(new FakeTimeProvider());
        loop.Complete();
        Assert.Throws<InvalidOperationException>(() => loop.Post(() => { }));
    }

    [Test]
    public async Task Route_changes_posted_from_many_threads_are_applied_one_at_a_time()
    {
        var rib = new TestRib();
        var p = rib.Protocol("p");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = Task.Run(() => rib.Loop.RunAsync(cts.Token));
        var writers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                var prefix = $"10.{t}.{i}.0/24";
                rib.Loop.Post(() => p.Announce(prefix));
            }
        })).ToArray();
        await Task.WhenAll(writers);
        var count = await rib.Loop.InvokeAsync(() => rib.Master.NetCount);
        rib.Loop.Complete();
        await running;

        Assert.That(count, Is.EqualTo(1000));
        Assert.That(p.Channel.Stats.ImportUpdatesAccepted, Is.EqualTo(1000));
    }

    [Test]
    public async Task Work_posted_from_running_work_waits_for_it_instead_of_nesting()
    {
        var loop = new RoutingLoop(new FakeTimeProvider());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = Task.Run(() => loop.RunAsync(cts.Token));
        await loop.InvokeAsync(() => { });
        var order = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(() =>
        {
            order.Add("outer start");
            loop.Post(() =>
            {
                order.Add("inner");
                done.SetResult();
            });
            order.Add("outer end");
        });
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        loop.Complete();
        await running;

        Assert.That(order, Is.EqualTo(new[] { "outer start", "outer end", "inner" }));
    }

    [Test]
    public async Task An_idle_running_loop_runs_posted_work_on_the_posting_thread_before_post_returns()
    {
        var loop = new RoutingLoop(new FakeTimeProvider());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = Task.Run(() => loop.RunAsync(cts.Token));
        var ranInline = false;
        // The loop is idle only once its task is back waiting; poll (bounded) until a post finds it so.
        for (var attempt = 0; attempt < 500 && !ranInline; attempt++)
        {
            await loop.InvokeAsync(() => { });
            var poster = Environment.CurrentManagedThreadId;
            var ranOn = 0;
            var onLoop = false;
            loop.Post(() =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                onLoop = loop.IsOnLoop;
            });
            ranInline = ranOn == poster && onLoop;
            if (!ranInline) await Task.Delay(10);
        }
        loop.Complete();
        await running;

        Assert.That(ranInline, Is.True);
        Assert.That(loop.IsOnLoop, Is.False);
    }

    [Test]
    public async Task Work_left_when_an_inline_run_exceeds_its_budget_is_finished_by_the_loop_task()
    {
        var loop = new RoutingLoop(new FakeTimeProvider());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = Task.Run(() => loop.RunAsync(cts.Token));
        var budget = (long)(RoutingLoop.InlineBudget.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        int poster = -1, firstRanOn = 0, restRanOn = 0;
        // Retry (bounded) until the first item found the loop idle and ran on the posting thread.
        for (var attempt = 0; attempt < 200 && firstRanOn != poster; attempt++)
        {
            await loop.InvokeAsync(() => { });
            var rest = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            // A dedicated thread (a pool thread could later run the loop's task itself).
            var thread = new Thread(() => loop.Post(() =>
            {
                firstRanOn = Environment.CurrentManagedThreadId;
                loop.Post(() => { });
                loop.Post(() => rest.SetResult(Environment.CurrentManagedThreadId));
                // Busy past the inline budget (CPU work, as a large UPDATE would be).
                var until = System.Diagnostics.Stopwatch.GetTimestamp() + 3 * budget;
                while (System.Diagnostics.Stopwatch.GetTimestamp() < until) { }
            }));
            poster = thread.ManagedThreadId;
            thread.Start();
            thread.Join(TimeSpan.FromSeconds(10));
            restRanOn = await rest.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        loop.Complete();
        await running;

        Assert.That(firstRanOn, Is.EqualTo(poster), "the first item ran inline");
        Assert.That(restRanOn, Is.Not.EqualTo(poster), "what was left went to the loop's task");
    }

    [Test]
    public async Task Posts_from_many_threads_racing_an_idle_loop_all_run_once_in_each_posters_order()
    {
        var loop = new RoutingLoop(new FakeTimeProvider());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = Task.Run(() => loop.RunAsync(cts.Token));
        const int posters = 4, perPoster = 20_000;
        var last = new int[posters];
        var outOfOrder = 0;
        var nested = 0;
        var depth = 0;
        var total = 0;
        var threads = Enumerable.Range(0, posters).Select(t => new Thread(() =>
        {
            for (var i = 1; i <= perPoster; i++)
            {
                var sequence = i;
                loop.Post(() =>
                {
                    if (++depth > 1) nested++;
                    if (last[t] != sequence - 1) outOfOrder++;
                    last[t] = sequence;
                    total++;
                    depth--;
                });
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join(TimeSpan.FromSeconds(60)));
        var counted = await loop.InvokeAsync(() => total);
        loop.Complete();
        await running;

        Assert.That(counted, Is.EqualTo(posters * perPoster));
        Assert.That(outOfOrder, Is.Zero);
        Assert.That(nested, Is.Zero);
    }

    [Test]
    public async Task Complete_ends_the_loop_task_after_work_that_is_running_inline_elsewhere()
    {
        var loop = new RoutingLoop(new FakeTimeProvider());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = Task.Run(() => loop.RunAsync(cts.Token));
        await loop.InvokeAsync(() => { });
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var ran = false;
        var poster = new Thread(() => loop.Post(() =>
        {
            inside.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            ran = true;
        }));
        poster.Start();
        Assert.That(inside.Wait(TimeSpan.FromSeconds(10)), Is.True);
        loop.Complete();
        release.Set();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        poster.Join(TimeSpan.FromSeconds(10));

        Assert.That(ran, Is.True);
    }
}
