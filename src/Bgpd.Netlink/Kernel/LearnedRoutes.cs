using Bgpd.Net;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Kernel;

/// <summary>A change of the best alien route for a prefix: announce <see cref="Best"/>, or withdraw when null.</summary>
public readonly record struct LearnedChange(Prefix Prefix, RouteMessage? Best);

/// <summary>BIRD's private table of alien kernel routes (<c>learn</c>): per prefix every alien route keyed
/// by its metric; the lowest metric is announced. Pure: feed events and scan results, read changes.</summary>
public sealed class LearnedRoutes
{
    private sealed class Entry
    {
        public RouteMessage Route;
        public bool Seen;
    }

    private readonly Dictionary<Prefix, List<Entry>> _byPrefix = [];
    private readonly Dictionary<Prefix, RouteMessage> _announced = [];
    private bool _scanning;

    public int Count => _announced.Count;

    /// <summary>The currently announced best route per prefix.</summary>
    public IReadOnlyDictionary<Prefix, RouteMessage> Announced => _announced;

    /// <summary>An async RTM_NEWROUTE/RTM_DELROUTE for an alien route.</summary>
    public void Apply(in RouteMessage route, bool deleted, List<LearnedChange> changes)
    {
        var prefix = route.Destination;
        if (deleted)
        {
            if (_byPrefix.TryGetValue(prefix, out var list))
            {
                var metric = route.Priority;
                list.RemoveAll(e => e.Route.Priority == metric);
                if (list.Count == 0)
                    _byPrefix.Remove(prefix);
            }
        }
        else
            Upsert(route);
        Announce(prefix, changes);
    }

    /// <summary>Starts a full-table reconcile: every known alien route is unseen until the dump mentions it.</summary>
    public void BeginScan()
    {
        _scanning = true;
        foreach (var list in _byPrefix.Values)
            foreach (var e in list)
                e.Seen = false;
    }

    public void Scanned(in RouteMessage route) => Upsert(route);

    /// <summary>Ends the reconcile: drops unseen routes and reports every best-route change.</summary>
    public void EndScan(List<LearnedChange> changes)
    {
        _scanning = false;
        var touched = new HashSet<Prefix>(_announced.Keys);
        foreach (var (prefix, list) in _byPrefix.ToList())
        {
            touched.Add(prefix);
            list.RemoveAll(e => !e.Seen);
            if (list.Count == 0)
                _byPrefix.Remove(prefix);
        }
        foreach (var prefix in touched)
            Announce(prefix, changes);
    }

    /// <summary>Forgets everything and withdraws what was announced (protocol shutdown).</summary>
    public void Clear(List<LearnedChange> changes)
    {
        foreach (var prefix in _announced.Keys.ToList())
            changes.Add(new LearnedChange(prefix, null));
        _announced.Clear();
        _byPrefix.Clear();
    }

    private void Upsert(in RouteMessage route)
    {
        if (!_byPrefix.TryGetValue(route.Destination, out var list))
            _byPrefix[route.Destination] = list = [];
        foreach (var e in list)
        {
            if (e.Route.Priority == route.Priority)
            {
                e.Route = route;
                e.Seen = true;
                return;
            }
        }
        list.Add(new Entry { Route = route, Seen = true });
    }

    private void Announce(Prefix prefix, List<LearnedChange> changes)
    {
        if (_scanning)
            return;
        RouteMessage? best = null;
        if (_byPrefix.TryGetValue(prefix, out var list))
            foreach (var e in list)
                if (best is null || e.Route.Priority < best.Value.Priority)
                    best = e.Route;
        var had = _announced.TryGetValue(prefix, out var previous);
        if (best is { } b)
        {
            if (had && RouteComparison.Same(previous, b))
                return;
            _announced[prefix] = b;
            changes.Add(new LearnedChange(prefix, b));
        }
        else if (had)
        {
            _announced.Remove(prefix);
            changes.Add(new LearnedChange(prefix, null));
        }
    }
}
