using Bgpd.Net;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Kernel;

/// <summary>
/// Keeps the kernel's <c>proto bird</c> routes equal to what the kernel protocol exports (BIRD's krt sync).
/// Pure: <see cref="SetDesired"/> for export changes, the Scan methods for periodic reconciles, and it
/// answers with <see cref="KernelOperation"/>s to perform; results come back via <see cref="Completed"/>.
/// Until the first reconcile after <see cref="Ready"/> is set (initial feed done, graceful-restart
/// recovery over) it does not touch the kernel, so routes left by a previous run survive a restart.
/// </summary>
public sealed class OwnRouteSync
{
    private readonly Dictionary<Prefix, RouteMessage> _desired = [];
    private readonly Dictionary<Prefix, RouteMessage> _installed = [];
    private readonly HashSet<Prefix> _syncErrors = [];
    private readonly List<RouteMessage> _scanStale = [];
    private readonly HashSet<Prefix> _scanSeen = [];
    private bool _scanning;

    /// <summary>Set once the initial export feed is complete and no graceful-restart wait is pending.</summary>
    public bool Ready { get; set; }

    /// <summary>True after the first reconcile done while <see cref="Ready"/>; only then are exports written at once.</summary>
    public bool Initialized { get; private set; }

    public int DesiredCount => _desired.Count;
    public IReadOnlyDictionary<Prefix, RouteMessage> Installed => _installed;

    /// <summary>True if the last write for this prefix failed (BIRD shows such routes with <c>!</c>).</summary>
    public bool HasSyncError(Prefix prefix) => _syncErrors.Contains(prefix);

    /// <summary>The export for a prefix changed: <paramref name="route"/> is what should be in the kernel, or null.</summary>
    public void SetDesired(Prefix prefix, RouteMessage? route, List<KernelOperation> operations)
    {
        if (route is { } r)
            _desired[prefix] = r;
        else
            _desired.Remove(prefix);
        if (Initialized)
            Sync(prefix, operations);
    }

    public void BeginScan()
    {
        _scanning = true;
        _scanStale.Clear();
        _scanSeen.Clear();
    }

    /// <summary>One <c>proto bird</c> route of our table found by the dump.</summary>
    public void Scanned(in RouteMessage kernelRoute)
    {
        if (!_scanning || !Ready)
            return;
        var prefix = kernelRoute.Destination;
        if (_desired.TryGetValue(prefix, out var want) && !_scanSeen.Contains(prefix) && RouteComparison.SameForwarding(want, kernelRoute))
        {
            _scanSeen.Add(prefix);
            _syncErrors.Remove(prefix);
            _installed[prefix] = kernelRoute;
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
            if (_installed.TryGetValue(stale.Destination, out var known) && RouteComparison.SameForwarding(known, stale))
                _installed.Remove(stale.Destination);
        }
        // Anything we believed installed but the dump did not show is gone (deleted by hand, interface down...).
        foreach (var prefix in _installed.Keys.Where(p => !_scanSeen.Contains(p)).ToList())
            _installed.Remove(prefix);
        foreach (var (prefix, want) in _desired)
        {
            if (_scanSeen.Contains(prefix))
                continue;
            operations.Add(new KernelOperation(KernelOperationKind.Add, want));
            _installed[prefix] = want;
        }
        _scanStale.Clear();
        _scanSeen.Clear();
        Initialized = true;
    }

    /// <summary>Reports the kernel's answer for an operation (0 or a positive errno).</summary>
    public void Completed(in KernelOperation operation, int errno)
    {
        var prefix = operation.Route.Destination;
        if (operation.Kind == KernelOperationKind.Delete)
            return;
        if (errno == 0)
        {
            _syncErrors.Remove(prefix);
            return;
        }
        _syncErrors.Add(prefix);
        if (_installed.TryGetValue(prefix, out var known) && RouteComparison.SameForwarding(known, operation.Route))
            _installed.Remove(prefix);
    }

    /// <summary>Shutdown without <c>persist</c>: delete every route we installed.</summary>
    public void Flush(List<KernelOperation> operations)
    {
        foreach (var route in _installed.Values)
            operations.Add(new KernelOperation(KernelOperationKind.Delete, route));
        _installed.Clear();
        _desired.Clear();
        Initialized = false;
    }

    private void Sync(Prefix prefix, List<KernelOperation> operations)
    {
        var hasWant = _desired.TryGetValue(prefix, out var want);
        var hasOld = _installed.TryGetValue(prefix, out var old);
        if (!hasWant)
        {
            if (hasOld)
            {
                operations.Add(new KernelOperation(KernelOperationKind.Delete, old));
                _installed.Remove(prefix);
            }
            _syncErrors.Remove(prefix);
            return;
        }
        if (hasOld && RouteComparison.SameForwarding(old, want) && !_syncErrors.Contains(prefix))
            return;
        if (hasOld && old.Priority == want.Priority)
            operations.Add(new KernelOperation(KernelOperationKind.Replace, want));
        else
        {
            // Make before break when the key changes, so traffic never sees a gap.
            operations.Add(new KernelOperation(KernelOperationKind.Add, want));
            if (hasOld)
                operations.Add(new KernelOperation(KernelOperationKind.Delete, old));
        }
        _installed[prefix] = want;
    }
}
