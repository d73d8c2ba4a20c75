using Bgpd.Netlink.Device;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Protocols;
using Bgpd.Netlink.Rtnetlink;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Diagnostics;
using Bgpd.Rib.Protocols;

namespace Bgpd.Netlink.Kernel;

public sealed partial class KernelProtocol
{
    /// <summary>Full reconcile (BIRD's krt scan): dump the kernel table, re-learn alien routes, delete our
    /// routes nobody exports, reinstall missing ones, delete redirects.</summary>
    public void Scan()
    {
        if (State != ProtocolState.Up || _hub.IsOffline)
            return;
        // Write what exports have queued first: a dump taken before their flush misses those routes, the
        // reconcile re-adds them, the duplicate add fails (EEXIST) and the sync forgets the route is
        // installed, so its withdrawal deleted nothing until the next scan (the ~2 s removal outliers).
        Flush();
        var redirects = new List<RouteMessage>();
        void Begin()
        {
            if (Options.Learn)
                _learned.BeginScan();
            _sync.BeginScan();
            redirects.Clear();
        }
        Begin();
        try
        {
            _hub.Dumps.Routes(_family, (in NetlinkMessage m) =>
            {
                if (m.Type != Rtm.NewRoute || !RouteCodec.TryDecode(m.Payload, out var route))
                    return;
                switch (KernelRouteClassifier.Classify(route, Options.KernelTable))
                {
                    case KernelRouteClass.Own: _sync.Scanned(route); break;
                    case KernelRouteClass.Alien when Options.Learn: _learned.Scanned(route); break;
                    case KernelRouteClass.Redirect: redirects.Add(route); break;
                }
            }, Begin);
        }
        catch (Exception e) when (e is NetlinkException or System.Net.Sockets.SocketException)
        {
            Loop.Error($"{Name}: kernel scan failed: {e.Message}");
            return;
        }
        Scans++;
        _sync.EndScan(_pending);
        foreach (var redirect in redirects)
            _pending.Add(new KernelOperation(KernelOperationKind.Delete, redirect));
        Flush();
        if (Options.Learn)
        {
            var changes = new List<LearnedChange>();
            _learned.EndScan(changes);
            Announce(changes);
        }
    }

    void INetlinkListener.OnNetlinkEvents(ReadOnlySpan<NetlinkEvent> events, IReadOnlyList<InterfaceChange> interfaceChanges)
    {
        if (State != ProtocolState.Up)
            return;
        List<LearnedChange>? changes = null;
        foreach (ref readonly var e in events)
        {
            if (e.Kind is not (NetlinkEventKind.Route or NetlinkEventKind.RouteDeleted) || e.Route.IsV6 != (_family == Rtm.FamilyInet6))
                continue;
            switch (KernelRouteClassifier.Classify(e.Route, Options.KernelTable))
            {
                case KernelRouteClass.Alien when Options.Learn:
                    changes ??= [];
                    _learned.Apply(e.Route, e.Kind == NetlinkEventKind.RouteDeleted, changes);
                    break;
                case KernelRouteClass.Redirect when e.Kind == NetlinkEventKind.Route:
                    _pending.Add(new KernelOperation(KernelOperationKind.Delete, e.Route));
                    ScheduleFlush();
                    break;
                    // Own routes: the echo of our writes (BIRD ignores them too; scans reconcile).
            }
        }
        if (changes is not null)
            Announce(changes);
        // IPv4 routes through an interface that goes down vanish without notifications: rescan.
        foreach (var change in interfaceChanges)
        {
            if (change.Kind == InterfaceChangeKind.Removed || (change.Kind == InterfaceChangeKind.Updated && !change.Interface.AdminUp))
            {
                KickScan();
                break;
            }
        }
    }

    void INetlinkListener.OnNetlinkOverrun(IReadOnlyList<InterfaceChange> interfaceChanges)
    {
        if (State == ProtocolState.Up)
            Scan();
    }

    private void Announce(List<LearnedChange> changes)
    {
        foreach (var change in changes)
        {
            LatencyTrace.Record(TracePoint.KernelLearned, change.Prefix);
            if (change.Best is { } best && AttributesFor(best) is { } attributes)
                Channel.Update(change.Prefix, attributes);
            else
                Channel.Withdraw(change.Prefix);
        }
    }

    private RouteMessage _lastShape;
    private string? _lastShapeInterface;
    private RouteAttributes? _lastShapeAttributes;

    /// <summary>Felix-style routes differ only in their destination: the attributes are built once per
    /// shape (the route without its destination, with the same interface name) and shared.</summary>
    private RouteAttributes? AttributesFor(in RouteMessage route)
    {
        var shape = route with { Destination = default };
        var interfaceName = _hub.NameOf(route.OutputInterface);
        if (_lastShapeAttributes is not null && shape.NextHops is null && shape == _lastShape && interfaceName == _lastShapeInterface)
            return _lastShapeAttributes;
        var attributes = KernelRouteBuilder.FromKernel(route, this, _hub.NameOf);
        if (shape.NextHops is null)
        {
            _lastShape = shape;
            _lastShapeInterface = interfaceName;
            _lastShapeAttributes = attributes;
        }
        return attributes;
    }
}
