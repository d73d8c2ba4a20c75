using System.Runtime.InteropServices;
using Bgpd.Net;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Kernel;

/// <summary>
/// Keeps the kernel's <c>proto bird</c> routes equal to what the kernel protocol exports (BIRD's krt sync).
/// Pure: <see cref="SetDesired"/> for export changes, the Scan methods for periodic reconciles, and it
/// answers with <see cref="KernelOperation"/>s to perform; results come back via <see cref="Completed"/>.
/// Until the first reconcile after <see cref="Ready"/> is set (initial feed done, graceful-restart
/// recovery over) it does not touch the kernel, so routes left by a previous run survive a restart.
/// One table entry per prefix holds everything (wanted route, installed route, sync error, last scan that
/// saw it): a steady-state scan costs one lookup per kernel route and one pass, allocating nothing.
/// </summary>
public sealed class OwnRouteSync
{
    private sealed class OwnRoute
    {
        public RouteMessage? Desired;
        public RouteMessage? Installed;
        public bool SyncError;
        /// <summary>Number of the last scan whose dump showed <see cref="Desired"/> in the kernel.</summary>
        public uint SeenInScan;

        public bool IsEmpty => Desired is null && Installed is null && !SyncError;
    }

    private readonly Dictionary<Prefix, OwnRoute> _routes = [];
    private readonly List<RouteMessage> _scanStale = [];
    private readonly List<Prefix> _emptied = [];
    private uint _scan;
    private bool _scanning;
    private int _installedCount;

    /// <summary>Set once the initial export feed is complete and no graceful-restart wait is pending.</summary>
    public bool Ready { get; set; }

    /// <summary>True after the first reconcile done while <see cref="Ready"/>; only then are exports written at once.</summary>
    public bool Initialized { get; private set; }

    /// <summary>Number of our routes believed to be in the kernel.</summary>
    public int InstalledCount => _installedCount;

    /// <summary>True when our route for <paramref name="prefix"/> is believed to be in the kernel.</summary>
    public bool IsInstalled(Prefix prefix) => _routes.TryGetValue(prefix, out var own) && own.Installed is not null;

    /// <summary>True if the last write for this prefix failed (BIRD shows such routes with <c>!</c>).</summary>
    public bool HasSyncError(Prefix prefix) => _routes.TryGetValue(prefix, out var own) && own.SyncError;

    /// <summary>The export for a prefix changed: <paramref name="route"/> is what should be in the kernel, or null.</summary>
    public void SetDesired(Prefix prefix, RouteMessage? route, List<KernelOperation> operations)
    {
        OwnRoute own;
        if (route is null)
        {
            if (!_routes.TryGetValue(prefix, out var existing))
                return;
            own = existing;
        }
        else
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_routes, prefix, out _);
            own = slot ??= new OwnRoute();
        }
        own.Desired = route;
        if (Initialized)
            Sync(own, operations);
        if (own.IsEmpty)
            _routes.Remove(prefix);
    }

    public void BeginScan()
    {
        _scanning = true;
        _scan++;
        _scanStale.Clear();
    }

    /// <summary>One <c>proto bird</c> route of our table found by the dump.</summary>
    public void Scanned(in RouteMessage kernelRoute)
    {
        if (!_scanning || !Ready)
            return;
        if (_routes.TryGetValue(kernelRoute.Destination, out var own) && own.Desired is { } want && own.SeenInScan != _scan
            && RouteComparison.SameForwarding(want, kernelRoute))
        {
            own.SeenInScan = _scan;
            own.SyncError = false;
            SetInstalled(own, kernelRoute);
            return;
        }
        _scanStale.Add(kernelRoute);
    }

    /// <summary>Ends a reconcile: removes our routes nobody exports (or that differ) and installs missing ones.</summary>
    public void EndScan(List<KernelOperation> operations)
    {
        _scanning = false;
        if (!Ready)
            return;
        foreach (var stale in _scanStale)
        {
            operations.Add(new KernelOperation(KernelOperationKind.Delete, stale));
            if (_routes.TryGetValue(stale.Destination, out var own) && own.Installed is { } known && RouteComparison.SameForwarding(known, stale))
                SetInstalled(own, null);
        }
        _scanStale.Clear();
        foreach (var (prefix, own) in _routes)
        {
            if (own.SeenInScan != _scan)
            {
                // Believed installed but not in the dump: gone (deleted by hand, interface down...). Re-add it.
                SetInstalled(own, null);
                if (own.Desired is { } want)
                {
                    operations.Add(new KernelOperation(KernelOperationKind.Add, want));
                    SetInstalled(own, want);
                }
            }
            if (own.IsEmpty)
                _emptied.Add(prefix);
        }
        RemoveEmptied();
        Initialized = true;
    }

    /// <summary>Reports the kernel's answer for an operation (0 or a positive errno).</summary>
    public void Completed(in KernelOperation operation, int errno)
    {
        if (operation.Kind == KernelOperationKind.Delete)
            return;
        var prefix = operation.Route.Destination;
        if (errno == 0)
        {
            if (_routes.TryGetValue(prefix, out var done))
            {
                done.SyncError = false;
                if (done.IsEmpty)
                    _routes.Remove(prefix);
            }
            return;
        }
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_routes, prefix, out _);
        var own = slot ??= new OwnRoute();
        own.SyncError = true;
        if (own.Installed is { } known && RouteComparison.SameForwarding(known, operation.Route))
            SetInstalled(own, null);
    }

    /// <summary>Shutdown without <c>persist</c>: delete every route we installed.</summary>
    public void Flush(List<KernelOperation> operations)
    {
        foreach (var (prefix, own) in _routes)
        {
            if (own.Installed is { } installed)
                operations.Add(new KernelOperation(KernelOperationKind.Delete, installed));
            SetInstalled(own, null);
            own.Desired = null;
            if (own.IsEmpty)
                _emptied.Add(prefix);
        }
        RemoveEmptied();
        Initialized = false;
    }

    private void Sync(OwnRoute own, List<KernelOperation> operations)
    {
        if (own.Desired is not { } want)
        {
            if (own.Installed is { } installed)
            {
                operations.Add(new KernelOperation(KernelOperationKind.Delete, installed));
                SetInstalled(own, null);
            }
            own.SyncError = false;
            return;
        }
        if (own.Installed is { } old)
        {
            if (RouteComparison.SameForwarding(old, want) && !own.SyncError)
                return;
            if (old.Priority == want.Priority)
                operations.Add(new KernelOperation(KernelOperationKind.Replace, want));
            else
            {
                // Make before break when the key changes, so traffic never sees a gap.
                operations.Add(new KernelOperation(KernelOperationKind.Add, want));
                operations.Add(new KernelOperation(KernelOperationKind.Delete, old));
            }
        }
        else
            operations.Add(new KernelOperation(KernelOperationKind.Add, want));
        SetInstalled(own, want);
    }

    private void SetInstalled(OwnRoute own, RouteMessage? route)
    {
        _installedCount += (route is null ? 0 : 1) - (own.Installed is null ? 0 : 1);
        own.Installed = route;
    }

    private void RemoveEmptied()
    {
        foreach (var prefix in _emptied)
            _routes.Remove(prefix);
        _emptied.Clear();
    }
}
