using Bgpd.Net;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Kernel;

/// <summary>A change of the best alien route for a prefix: announce <see cref="Best"/>, or withdraw when null.</summary>
public readonly record struct LearnedChange(Prefix Prefix, RouteMessage? Best);

/// <summary>BIRD's private table of alien kernel routes (<c>learn</c>): per prefix every alien route keyed
/// by its metric; the lowest metric is announced. Pure: feed events and scan results, read changes.
/// A steady-state scan (nothing changed) allocates nothing per route.</summary>
public sealed class LearnedRoutes
{
    /// <summary>One alien route; routes of the same prefix (different metrics) are chained.</summary>
    private sealed class Entry(RouteMessage route)
    {
        public RouteMessage Route = route;
        public bool Seen = true;
        public Entry? Next;
    }

    private readonly Dictionary<Prefix, Entry> _byPrefix = [];
    private readonly Dictionary<Prefix, RouteMessage> _announced = [];
    private readonly HashSet<Prefix> _dirty = [];
    private bool _scanning;

    public int Count => _announced.Count;

    /// <summary>The currently announced best route per prefix.</summary>
    public IReadOnlyDictionary<Prefix, RouteMessage> Announced => _announced;

    /// <summary>An async RTM_NEWROUTE/RTM_DELROUTE for an alien route.</summary>
    public void Apply(in RouteMessage route, bool deleted, List<LearnedChange> changes)
    {
        var prefix = route.Destination;
        if (deleted)
            Remove(prefix, route.Priority);
        else
            Upsert(route);
        if (!_scanning)
            Announce(prefix, changes);
    }

    /// <summary>Starts a full-table reconcile: every known alien route is unseen until the dump mentions it.</summary>
    public void BeginScan()
    {
        _scanning = true;
        _dirty.Clear();
        foreach (var head in _byPrefix.Values)
            for (var e = head; e is not null; e = e.Next)
                e.Seen = false;
    }

    public void Scanned(in RouteMessage route) => Upsert(route);

    /// <summary>Ends the reconcile: drops unseen routes and reports every best-route change.</summary>
    public void EndScan(List<LearnedChange> changes)
    {
        _scanning = false;
        foreach (var (prefix, head) in _byPrefix)
        {
            Entry? kept = null, tail = null;
            var removed = false;
            for (var e = head; e is not null; e = e.Next)
            {
                if (!e.Seen)
                {
                    removed = true;
                    continue;
                }
                if (tail is null) kept = e;
                else tail.Next = e;
                tail = e;
            }
            if (!removed)
                continue;
            if (tail is not null)
                tail.Next = null;
            if (kept is null)
                _byPrefix.Remove(prefix);
            else
                _byPrefix[prefix] = kept;
            _dirty.Add(prefix);
        }
        foreach (var prefix in _dirty)
            Announce(prefix, changes);
        _dirty.Clear();
    }

    /// <summary>Forgets everything and withdraws what was announced (protocol shutdown).</summary>
    public void Clear(List<LearnedChange> changes)
    {
        foreach (var prefix in _announced.Keys)
            changes.Add(new LearnedChange(prefix, null));
        _announced.Clear();
        _byPrefix.Clear();
        _dirty.Clear();
    }

    private void Upsert(in RouteMessage route)
    {
        var prefix = route.Destination;
        if (!_byPrefix.TryGetValue(prefix, out var head))
        {
            _byPrefix[prefix] = new Entry(route);
            _dirty.Add(prefix);
            return;
        }
        for (var e = head; e is not null; e = e.Next)
        {
            if (e.Route.Priority != route.Priority)
                continue;
            e.Seen = true;
            if (!RouteComparison.Same(e.Route, route))
            {
                e.Route = route;
                _dirty.Add(prefix);
            }
            return;
        }
        _byPrefix[prefix] = new Entry(route) { Next = head };
        _dirty.Add(prefix);
    }

    private void Remove(Prefix prefix, uint metric)
    {
        if (!_byPrefix.TryGetValue(prefix, out var head))
            return;
        Entry? previous = null;
        for (var e = head; e is not null; previous = e, e = e.Next)
        {
            if (e.Route.Priority != metric)
                continue;
            if (previous is not null)
                previous.Next = e.Next;
            else if (e.Next is not null)
                _byPrefix[prefix] = e.Next;
            else
                _byPrefix.Remove(prefix);
            return;
        }
    }

    private void Announce(Prefix prefix, List<LearnedChange> changes)
    {
        RouteMessage? best = null;
        if (_byPrefix.TryGetValue(prefix, out var head))
            for (var e = head; e is not null; e = e.Next)
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
