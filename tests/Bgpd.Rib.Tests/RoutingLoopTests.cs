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
}
