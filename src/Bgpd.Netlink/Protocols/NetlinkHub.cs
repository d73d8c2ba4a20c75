using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Bgpd.Netlink.Device;
using Bgpd.Netlink.Kernel;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Rtnetlink;
using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Protocols;

namespace Bgpd.Netlink.Protocols;

/// <summary>Receives netlink notifications on the routing loop (device, direct and kernel protocols).</summary>
public interface INetlinkListener
{
    /// <summary>A batch of decoded notifications, after the hub updated <see cref="NetlinkHub.Interfaces"/>
    /// (a span over the reader's batch: read it by reference, don't keep it).</summary>
    void OnNetlinkEvents(ReadOnlySpan<NetlinkEvent> events, IReadOnlyList<InterfaceChange> interfaceChanges);

    /// <summary>Notifications were lost; the hub has rescanned interfaces, the listener must rescan what it keeps.</summary>
    void OnNetlinkOverrun(IReadOnlyList<InterfaceChange> interfaceChanges);
}

/// <summary>
/// The daemon's one connection to the kernel (BIRD's async netlink socket plus its request socket): a
/// reader thread for multicast notifications, a request socket used on the routing loop for dumps and
/// route writes, and the raw interface list (both families) that resolves interface names and indexes.
/// Listeners are called on the routing loop. Create one per routing loop; dispose at shutdown.
/// </summary>
public sealed class NetlinkHub : IDisposable, IInterfaceView
{
    private readonly INetlinkSocketFactory _sockets;
    private readonly int _receiveBufferBytes;
    private readonly List<INetlinkListener> _listeners = [];
    // What Dispatch calls: a copy made on Attach/Detach, so a listener may attach or detach while being called.
    private INetlinkListener[] _listenerSnapshot = [];
    private NetlinkEventReader? _reader;
    private NetlinkSocket? _requests;
    private KernelDumps? _dumps;
    private KernelRouteWriter? _writer;
    private bool _disposed;

    public NetlinkHub(RoutingLoop loop, INetlinkSocketFactory? sockets = null, int receiveBufferBytes = 8 << 20)
    {
        Loop = loop ?? throw new ArgumentNullException(nameof(loop));
        _sockets = sockets ?? CurrentNamespaceSockets.Instance;
        _receiveBufferBytes = receiveBufferBytes;
    }

    /// <summary>A hub that never opens a socket (the start-up warm-up's private one): listeners attach
    /// without sockets, notifications come only through <see cref="Dispatch"/>, and its writer encodes
    /// requests and reports them done without sending them.</summary>
    internal static NetlinkHub Offline(RoutingLoop loop) => new(loop) { IsOffline = true, _writer = new KernelRouteWriter(null) };

    /// <summary>True for an <see cref="Offline"/> hub: no sockets, no dumps, no scans.</summary>
    public bool IsOffline { get; private init; }

    public RoutingLoop Loop { get; }

    /// <summary>Every interface and address of the namespace, kept from events and scans.</summary>
    public InterfaceTable Interfaces { get; } = new(AddressFamilies.Both);

    /// <summary>Number of overruns seen (each one triggered a full resync).</summary>
    public int Overruns { get; private set; }

    /// <summary>True once the sockets are open and the first interface scan is done.</summary>
    public bool IsOpen => _requests is not null;

    public KernelDumps Dumps => _dumps ?? throw new InvalidOperationException("netlink hub is not open");
    public KernelRouteWriter Writer => _writer ?? throw new InvalidOperationException("netlink hub is not open");

    /// <summary>Opens the sockets (if not yet) and registers a listener. On the routing loop.</summary>
    public void Attach(INetlinkListener listener)
    {
        if (!_listeners.Contains(listener))
        {
            _listeners.Add(listener);
            _listenerSnapshot = [.. _listeners];
        }
        Open();
    }

    /// <summary>Unregisters a listener; sockets stay open for the daemon's lifetime.</summary>
    public void Detach(INetlinkListener listener)
    {
        if (_listeners.Remove(listener))
            _listenerSnapshot = [.. _listeners];
    }

    /// <summary>Opens sockets and performs the first interface scan (idempotent). On the routing loop.</summary>
    public void Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_requests is not null || IsOffline)
            return;
        // Subscribe before the first dump so nothing between dump and subscription is missed.
        _reader = new NetlinkEventReader(_sockets, _receiveBufferBytes, PostBatch,
            e => Loop.Post(() => Loop.Error($"netlink event reader failed: {e.Message}")));
        _requests = _sockets.Open(1 << 20);
        _requests.ReceiveTimeout = TimeSpan.FromSeconds(10);
        _dumps = new KernelDumps(_requests);
        _writer = new KernelRouteWriter(_requests);
        _reader.Start();
        ScanInterfaces([]);
        try
        {
            _writer.WarmUp();
        }
        catch (Exception e) when (e is NetlinkException or System.Net.Sockets.SocketException)
        {
            // Only a warm-up: the first real write compiles the path instead.
        }
    }

    /// <summary>Full link + address dump reconciled into <see cref="Interfaces"/> and returned for other tables.</summary>
    public (List<LinkMessage> Links, List<AddressMessage> Addresses) ScanInterfaces(List<InterfaceChange> changes)
    {
        var links = new List<LinkMessage>();
        var addresses = new List<AddressMessage>();
        Dumps.Links(links.Add);
        Dumps.Addresses(addresses.Add);
        Reconcile(Interfaces, links, addresses, changes);
        if (changes.Count > 0)
            Changed?.Invoke();
        return (links, addresses);
    }

    /// <summary>Reconciles a table with a complete dump: forgets what the dump no longer has.</summary>
    public static void Reconcile(InterfaceTable table, List<LinkMessage> links, List<AddressMessage> addresses, List<InterfaceChange> changes)
    {
        table.BeginScan();
        foreach (var link in links)
            table.ApplyLink(link, false, changes);
        foreach (var address in addresses)
            table.ApplyAddress(address, false, changes);
        table.EndScan(changes);
    }

    // The reader's batches wait here for the loop, in order; one cached work item per batch takes the oldest,
    // so a notification costs the loop no closure or delegate (it may run inline on the reader's thread).
    private readonly ConcurrentQueue<List<NetlinkEvent>> _delivered = new();
    private Action? _dispatchDelivered;

    /// <summary>The reader thread's hand-off (the warm-up's way in): <paramref name="batch"/> is dispatched by a later loop turn.</summary>
    internal void PostBatch(List<NetlinkEvent> batch)
    {
        _delivered.Enqueue(batch);
        Loop.Post(_dispatchDelivered ??= DispatchDelivered);
    }

    private void DispatchDelivered()
    {
        if (!_delivered.TryDequeue(out var batch))
            return;
        Dispatch(batch);
        _reader?.Return(batch);
    }

    /// <summary>Applies one batch of notifications (the reader posts these to the loop; tests call it directly).</summary>
    public void Dispatch(List<NetlinkEvent> batch)
    {
        if (_disposed)
            return;
        var changes = new List<InterfaceChange>();
        var overrun = false;
        var events = CollectionsMarshal.AsSpan(batch);
        foreach (ref readonly var e in events)
        {
            switch (e.Kind)
            {
                case NetlinkEventKind.Link: Interfaces.ApplyLink(e.Link, false, changes); break;
                case NetlinkEventKind.LinkDeleted: Interfaces.ApplyLink(e.Link, true, changes); break;
                case NetlinkEventKind.Address: Interfaces.ApplyAddress(e.Address, false, changes); break;
                case NetlinkEventKind.AddressDeleted: Interfaces.ApplyAddress(e.Address, true, changes); break;
                case NetlinkEventKind.Overrun: overrun = true; break;
            }
        }
        if (overrun)
        {
            Overruns++;
            Loop.Warn("Kernel: netlink receive buffer overrun, resynchronising with full scans");
            if (_requests is not null)
                ScanInterfaces(changes);
            foreach (var listener in _listenerSnapshot)
                listener.OnNetlinkOverrun(changes);
            return;
        }
        foreach (var listener in _listenerSnapshot)
            listener.OnNetlinkEvents(events, changes);
        if (changes.Count > 0)
            Changed?.Invoke();
    }

    /// <summary>Raised on the loop when interfaces or addresses changed (the hub is an <see cref="IInterfaceView"/>
    /// usable without a device protocol, e.g. for static next-hop resolution).</summary>
    public event Action? Changed;

    public bool TryGetInterface(string name, out InterfaceState state) => InterfaceLookup.TryGet(Interfaces, name, out state);

    public bool TryFindNeighbor(IpAddress gateway, string? interfaceName, out InterfaceState state) =>
        InterfaceLookup.TryFindNeighbor(Interfaces, gateway, interfaceName, out state);

    /// <summary>Test seam: stop (or resume) reading notifications, to provoke a receive-queue overrun.</summary>
    internal void HoldEvents(bool hold) => _reader?.Hold(hold);

    /// <summary>Interface index for a name, 0 when unknown.</summary>
    public int IndexOf(string? name) => name is not null && Interfaces.Find(name) is { } i ? i.Index : 0;

    /// <summary>Interface name for an index, null when unknown.</summary>
    public string? NameOf(int index) => Interfaces.Find(index)?.Name;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _reader?.Dispose();
        _requests?.Dispose();
    }
}
