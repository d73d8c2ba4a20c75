using Bgpd.Net;
using Bgpd.Netlink.Device;
using Bgpd.Netlink.Netlink;
using Bgpd.Netlink.Protocols;
using Bgpd.Netlink.Rtnetlink;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Diagnostics;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Netlink.Kernel;

/// <summary>
/// BIRD's kernel protocol on Linux: exports its table into a kernel routing table as <c>proto bird</c>
/// (12), learns alien routes from netlink events at once (<c>learn</c>), reconciles both directions with
/// a full dump every <c>scan time</c>, keeps routes on stop with <c>persist</c>, merges equal BGP paths
/// into one multipath route with <c>merge paths</c>, and with <c>graceful restart</c> keeps the previous
/// run's routes until <see cref="EndGracefulRestartWait"/>.
/// </summary>
public sealed partial class KernelProtocol : Protocol, INetlinkListener
{
    private readonly NetlinkHub _hub;
    private readonly byte _family;
    private readonly LearnedRoutes _learned = new();
    private readonly OwnRouteSync _sync = new();
    private readonly List<KernelOperation> _pending = [];
    private ITimer? _scanTimer;
    private bool _flushQueued;
    private Action? _flush;  // one delegate, not one per scheduled flush
    private bool _scanQueued;

    public KernelProtocol(string name, RoutingLoop loop, RoutingTable table, KernelOptions options, NetlinkHub hub, bool gracefulRestartRecovery = false)
        : base(name, loop)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _hub = hub ?? throw new ArgumentNullException(nameof(hub));
        _family = table.Family == TableFamily.Ipv6 ? Rtm.FamilyInet6 : Rtm.FamilyInet;
        var channel = options.Channel;
        if (options.MergePaths)
            channel = channel with { ExportMode = ExportMode.Any };
        Channel = AddChannel(table, channel);
        WaitingForGracefulRestart = options.GracefulRestart && gracefulRestartRecovery;
    }

    /// <summary>Creates the protocol (what the daemon's composition calls for <c>protocol kernel</c>).</summary>
    public static KernelProtocol Create(string name, RoutingLoop loop, RoutingTable table, KernelOptions options, NetlinkHub hub, bool gracefulRestartRecovery = false) =>
        new(name, loop, table, options, hub, gracefulRestartRecovery);

    public override string ClassName => "Kernel";
    public override int DefaultPreference => 10;
    public override bool StoresTemporaryAttributes => true;

    public KernelOptions Options { get; }
    public Channel Channel { get; }

    /// <summary>True while the first prune is held back for graceful-restart recovery.</summary>
    public bool WaitingForGracefulRestart { get; private set; }

    /// <summary>Full scans done since start.</summary>
    public int Scans { get; private set; }

    /// <summary>Number of prefixes with an announced alien route.</summary>
    public int LearnedCount => _learned.Count;

    /// <summary>The alien route announced for <paramref name="prefix"/> (the best one), if any.</summary>
    public bool TryGetLearned(Prefix prefix, out RouteMessage route) => _learned.TryGetAnnounced(prefix, out route);

    /// <summary>Number of our routes as last known to be in the kernel.</summary>
    public int InstalledCount => _sync.InstalledCount;

    /// <summary>True when our route for <paramref name="prefix"/> is, as last known, in the kernel.</summary>
    public bool IsInstalled(Prefix prefix) => _sync.IsInstalled(prefix);

    /// <summary>True when the last kernel write for <paramref name="prefix"/> failed (BIRD shows <c>!</c> instead of <c>*</c>).</summary>
    public bool HasSyncError(Prefix prefix) => _sync.HasSyncError(prefix);

    /// <summary>Graceful-restart recovery is over (all protocols recovered or the wait timer expired):
    /// prune stale routes now. The daemon calls this; harmless when not waiting.</summary>
    public void EndGracefulRestartWait()
    {
        if (!WaitingForGracefulRestart)
            return;
        WaitingForGracefulRestart = false;
        if (State == ProtocolState.Up)
        {
            _sync.Ready = true;
            Scan();
        }
    }

    protected override ProtocolState OnStart()
    {
        _hub.Attach(this);
        return ProtocolState.Up;
    }

    protected override void OnStateChanged(ProtocolState previous, ProtocolState current)
    {
        if (current != ProtocolState.Up)
            return;
        // The initial export feed ran before this hook: the sync is ready unless GR holds it back.
        _sync.Ready = !WaitingForGracefulRestart;
        if (_hub.IsOffline)
        {
            // The warm-up's private protocol: reconciled with an empty kernel table once, no scans, no timer.
            _sync.BeginScan();
            _sync.EndScan(_pending);
            return;
        }
        Scan();
        var period = TimeSpan.FromSeconds(Math.Max(1, Options.ScanTimeSeconds));
        _scanTimer = Loop.Time.CreateTimer(_ => Loop.Post(OnScanTimer), null, period, period);
    }

    protected override ProtocolState OnStop()
    {
        _scanTimer?.Dispose();
        _scanTimer = null;
        _hub.Detach(this);
        _learned.Clear([]);
        var operations = new List<KernelOperation>();
        if (!Options.Persist)
            _sync.Flush(operations);
        _pending.AddRange(operations);
        Flush();
        _sync.Ready = false;
        return ProtocolState.Down;
    }

    protected override ExportPrecheck PrecheckExport(Channel channel, Route route)
    {
        var attributes = route.Attributes;
        if (ReferenceEquals(attributes.Protocol, this))
            return ExportPrecheck.Reject;
        if (!Options.DeviceRoutes && attributes.Dest == RouteDest.Device && attributes.Source != RouteSource.StaticDevice)
            return ExportPrecheck.Reject;
        if (attributes.Cast != RouteCast.Unicast || attributes.Dest == RouteDest.None)
            return ExportPrecheck.Reject;
        return ExportPrecheck.Continue;
    }

    protected override void OnExport(Channel channel, in RouteExport change)
    {
        LatencyTrace.Record(TracePoint.KernelExport, change.Prefix);
        RouteAttributes? exported = Options.MergePaths ? Merged(channel, change) : change.NewAttributes;
        var desired = exported is null ? null : KernelRouteBuilder.ToKernel(change.Prefix, exported, Options.KernelTable, Options.Metric, _hub.IndexOf);
        _sync.SetDesired(change.Prefix, desired, _pending);
        ScheduleFlush();
    }

    /// <summary>
    /// What `merge paths` exports for the change's network. A network with one route (a VM's /32) exports that
    /// route as the channel's filter just made it; only several routes need the merge, which filters each again.
    /// </summary>
    private RouteAttributes? Merged(Channel channel, in RouteExport change)
    {
        var net = channel.Table.Find(change.Prefix);
        if (net is { RouteCount: 1, Best: { } only } && change.New == only)
            return change.NewAttributes;
        return RouteMerger.Merge(net, channel, Options.MergePathsLimit);
    }

    protected override bool ReloadImport()
    {
        if (Options.Learn)
            KickScan();
        return true;
    }

    private void OnScanTimer()
    {
        if (State == ProtocolState.Up)
            Scan();
    }

    /// <summary>Queues one scan on the loop (coalescing repeated kicks).</summary>
    private void KickScan()
    {
        if (_scanQueued)
            return;
        _scanQueued = true;
        Loop.Post(() =>
        {
            _scanQueued = false;
            if (State == ProtocolState.Up)
                Scan();
        });
    }

    private void ScheduleFlush()
    {
        if (_flushQueued || _pending.Count == 0)
            return;
        _flushQueued = true;
        // Posted behind the work already queued, so a burst of exports goes out in few datagrams.
        Loop.Post(_flush ??= Flush);
    }

    private void Flush()
    {
        _flushQueued = false;
        if (_pending.Count == 0)
            return;
        var operations = _pending.ToArray();
        _pending.Clear();
        if (LatencyTrace.Enabled)
            foreach (var op in operations)
                LatencyTrace.Record(TracePoint.KernelFlush, op.Route.Destination);
        try
        {
            _hub.Writer.Apply(operations, (index, errno) =>
            {
                LatencyTrace.Record(TracePoint.KernelAcked, operations[index].Route.Destination);
                _sync.Completed(operations[index], errno);
                if (errno != 0)
                    Loop.Warn($"{Name}: {Describe(operations[index])} failed: {ErrnoText.Describe(errno)}");
            });
        }
        catch (Exception e) when (e is NetlinkException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            Loop.Error($"{Name}: kernel route update failed: {e.Message}");
            foreach (var op in operations)
                _sync.Completed(op, ErrnoText.EAGAIN);
        }
    }

    private static string Describe(in KernelOperation op) => op.Kind switch
    {
        KernelOperationKind.Delete => $"deleting {op.Route.Destination}",
        _ => $"installing {op.Route.Destination}",
    };
}
