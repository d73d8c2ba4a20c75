using System.Collections.Concurrent;
using System.Net.Sockets;
using Bgpd.Netlink.Rtnetlink;
using Bgpd.Rib.Diagnostics;

namespace Bgpd.Netlink.Netlink;

/// <summary>Reads multicast notifications (links, addresses, IPv4/IPv6 routes) on a dedicated thread and
/// hands each datagram's decoded events to <c>sink</c> in order. An overrun is delivered as an
/// <see cref="NetlinkEventKind.Overrun"/> event, never dropped silently.</summary>
public sealed class NetlinkEventReader : IDisposable
{
    public static readonly int[] AllGroups =
        [Rtm.GroupLink, Rtm.GroupIpv4Ifaddr, Rtm.GroupIpv6Ifaddr, Rtm.GroupIpv4Route, Rtm.GroupIpv6Route];

    private readonly NetlinkSocket _socket;
    private readonly Action<List<NetlinkEvent>> _sink;
    private readonly Action<Exception>? _onFailure;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private readonly ManualResetEventSlim _running = new(true);

    /// <summary>Test seam: while held, the thread stops reading so the kernel queue can overflow.</summary>
    internal void Hold(bool hold)
    {
        if (hold) _running.Reset();
        else _running.Set();
    }

    public NetlinkEventReader(INetlinkSocketFactory sockets, int receiveBufferBytes, Action<List<NetlinkEvent>> sink, Action<Exception>? onFailure = null)
    {
        _socket = sockets.Open(receiveBufferBytes, AllGroups);
        try { _socket.AttachFilter(OwnRouteEchoFilter.Program); }
        catch (SocketException) { /* no socket filters: echoes are queued and ignored as before */ }
        // A bounded wait lets Dispose stop the thread without relying on close() waking a blocked recv.
        _socket.ReceiveTimeout = TimeSpan.FromMilliseconds(250);
        _sink = sink;
        _onFailure = onFailure;
        _thread = new Thread(Run) { IsBackground = true, Name = "netlink-events" };
    }

    public void Start() => _thread.Start();

    private void Run()
    {
        while (!_stopping)
        {
            if (!_running.Wait(250))
                continue;
            List<NetlinkEvent>? batch;
            try
            {
                // Received before a batch is rented: the idle reader's receive timeouts (every 250 ms) must
                // not each lose a batch (a ~300 KB large-object array) and push the process into gen2 GCs.
                var datagram = _socket.Receive();
                batch = RentBatch();
                Decode(datagram, batch);
                // The first datagram goes to the loop at once: a single route change (Felix adding a VM)
                // does not wait for the check for more. What is queued behind it is drained into one
                // batch: one loop work item per burst.
                Deliver(ref batch);
                while (_socket.HasPending)
                {
                    batch ??= RentBatch();
                    Decode(_socket.Receive(), batch);
                    if (batch.Count >= MaxBatch)
                        Deliver(ref batch);
                }
            }
            catch (NetlinkOverrunException)
            {
                DiscardQueued();
                batch = [new NetlinkEvent(NetlinkEventKind.Overrun)];
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
            {
                continue;
            }
            catch (Exception e) when (_stopping && e is ObjectDisposedException or SocketException)
            {
                return;
            }
            catch (Exception e)
            {
                _onFailure?.Invoke(e);
                return;
            }
            Deliver(ref batch);
        }
    }

    private void Deliver(ref List<NetlinkEvent>? batch)
    {
        if (batch is null)
            return;
        if (batch.Count > 0 && !_stopping)
            _sink(batch);
        else
            Return(batch);
        batch = null;
    }

    // An event is a few hundred bytes: batches of this size stay reusable instead of becoming
    // large-object-heap garbage on every burst (measured: RSS after a 100k-route burst 330 -> 210 MB).
    private const int MaxBatch = 1024;
    private const int MaxSpareBatches = 8;
    private readonly ConcurrentQueue<List<NetlinkEvent>> _spare = new();
    private int _spareCount;

    private List<NetlinkEvent> RentBatch()
    {
        if (_spare.TryDequeue(out var batch))
        {
            Interlocked.Decrement(ref _spareCount);
            return batch;
        }
        return new List<NetlinkEvent>(MaxBatch);
    }

    /// <summary>Hands a delivered batch back for reuse once the sink has processed it (optional: batches
    /// that are not returned are simply collected).</summary>
    public void Return(List<NetlinkEvent> batch)
    {
        if (batch.Capacity > MaxBatch)
            return;
        if (Interlocked.Increment(ref _spareCount) > MaxSpareBatches)
        {
            Interlocked.Decrement(ref _spareCount);
            return;
        }
        batch.Clear();
        _spare.Enqueue(batch);
    }

    /// <summary>After ENOBUFS the kernel reports no further overrun until the queue has been emptied once
    /// (the socket stays "congested"), so empty it now: a full resync follows and covers what we discard,
    /// and any later loss is reported again.</summary>
    private void DiscardQueued()
    {
        for (var i = 0; i < 1_000_000 && _socket.HasPending; i++)
        {
            try { _socket.Receive(); }
            catch (NetlinkOverrunException) { /* already resyncing */ }
        }
    }

    /// <summary>Decodes one datagram of notifications into <paramref name="batch"/> (also the warm-up's way in).</summary>
    internal static void Decode(ReadOnlySpan<byte> datagram, List<NetlinkEvent> batch)
    {
        var reader = new NetlinkMessageReader(datagram);
        foreach (var message in reader)
            if (NetlinkEvent.TryDecode(message, out var e))
            {
                batch.Add(e);
                if (LatencyTrace.Enabled && e.Kind is NetlinkEventKind.Route or NetlinkEventKind.RouteDeleted)
                    LatencyTrace.Record(TracePoint.KernelEventRead, e.Route.Destination);
            }
        // A garbled datagram means we may have missed something: resync rather than guess.
        if (reader.Malformed)
            batch.Add(new NetlinkEvent(NetlinkEventKind.Overrun));
    }

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive && _thread != Thread.CurrentThread)
            _thread.Join(TimeSpan.FromSeconds(2));
        _socket.Dispose();
    }
}
