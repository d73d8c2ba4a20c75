using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Protocols;
using Bgpd.Rib;
using Bgpd.Rib.Tables;

namespace Bgpd.Netlink.Tests.Namespaces;

/// <summary>A routing loop running on a background task with a netlink hub in a test namespace, as the
/// daemon would run it. Queries go through the loop so tests never race routing state.</summary>
internal sealed class LoopHost : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public LoopHost(TestNamespace ns, int receiveBufferBytes = 8 << 20)
    {
        Loop = new RoutingLoop();
        Loop.LogMessage += (level, message) => TestContext.Progress.WriteLine($"[{level}] {message}");
        Hub = new NetlinkHub(Loop, new NamedNamespaceSockets(ns.Name), receiveBufferBytes);
        V4 = new RoutingTable("master", TableFamily.Ipv4, Loop);
        V6 = new RoutingTable("master6", TableFamily.Ipv6, Loop);
        _run = Task.Run(() => Loop.RunAsync(_stop.Token));
    }

    public RoutingLoop Loop { get; }
    public NetlinkHub Hub { get; }
    public RoutingTable V4 { get; }
    public RoutingTable V6 { get; }

    public T Invoke<T>(Func<T> query)
    {
        var task = Loop.InvokeAsync(query);
        Assert.That(task.Wait(TimeSpan.FromSeconds(10)), Is.True, "routing loop did not answer");
        return task.Result;
    }

    public void Invoke(Action work) => Invoke(() =>
    {
        work();
        return true;
    });

    /// <summary>Polls a loop-side condition with a bound.</summary>
    public bool Eventually(Func<bool> condition, double seconds = 1) =>
        Poll.Until(() => Invoke(condition), TimeSpan.FromSeconds(seconds));

    public void Dispose()
    {
        try
        {
            Invoke(() => Hub.Dispose());
        }
        finally
        {
            _stop.Cancel();
            try { _run.Wait(TimeSpan.FromSeconds(5)); }
            catch (AggregateException) { /* cancelled */ }
        }
    }
}
