using System.Runtime.InteropServices;
using Bgpd.Net;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Kernel;

/// <summary>A change of the best alien route for a prefix: announce <see cref="Best"/>, or withdraw when null.</summary>
public readonly record struct LearnedChange(Prefix Prefix, RouteMessage? Best);

/// <summary>BIRD's private table of alien kernel routes (<c>learn</c>): per prefix every alien route keyed
/// by its metric; the lowest metric is announced. Pure: feed events and scan results, read changes.
/// One slot per prefix holds the routes and which of them was announced (no second copy of the route),
/// so a steady-state scan (nothing changed) costs one lookup per route and allocates nothing.</summary>
public sealed class LearnedRoutes
{
    /// <summary>One alien route; routes of the same prefix (different metrics) are chained.</summary>
    private sealed class Entry(RouteMessage route, uint scan)
    {
        public RouteMessage Route = route;
        /// <summary>Number of the last scan whose dump showed this route (new routes count as seen).</summary>
        public uint SeenInScan = scan;
        /// <summary>Bumped when <see cref="Route"/> is replaced in place, so an announcement can tell it is stale.</summary>
        public uint Version;
        public Entry? Next;
    }

    private sealed class Slot(Prefix prefix)
    {
        public readonly Prefix Prefix = prefix;
        public Entry? Head;
        /// <summary>The entry announced last, and its version then (its route is what was announced while equal).</summary>
        public Entry? Announced;
        public uint AnnouncedVersion;
        public bool Dirty;
    }

    private readonly Dictionary<Prefix, Slot> _byPrefix = [];
    private readonly List<Slot> _dirty = [];
    private bool _scanning;
    private uint _scan;

    /// <summary>Number of prefixes with an announced route.</summary>
    public int Count { get; private set; }

    /// <summary>The currently announced best route for <paramref name="prefix"/>.</summary>
    public bool TryGetAnnounced(Prefix prefix, out RouteMessage route)
    {
        if (_byPrefix.TryGetValue(prefix, out var slot) && slot.Announced is { } entry)
        {
            route = entry.Route;
            return true;
        }
        route = default;
        return false;
    }

    /// <summary>An async RTM_NEWROUTE/RTM_DELROUTE for an alien route.</summary>
    public void Apply(in RouteMessage route, bool deleted, List<LearnedChange> changes)
    {
        if (deleted)
            Remove(route.Destination, route.Priority);
        else
            Upsert(route);
        if (!_scanning)
            AnnounceDirty(changes);
    }

    /// <summary>Starts a full-table reconcile: every known alien route is unseen until the dump mentions it.</summary>
    public void BeginScan()
    {
        _scanning = true;
        foreach (var slot in _dirty)
            slot.Dirty = false;
        _dirty.Clear();
        _scan++;
    }

    public void Scanned(in RouteMessage route) => Upsert(route);

    /// <summary>Ends the reconcile: drops unseen routes and reports every best-route change.</summary>
    public void EndScan(List<LearnedChange> changes)
    {
        _scanning = false;
        foreach (var slot in _byPrefix.Values)
        {
            Entry? kept = null, tail = null;
            var removed = false;
            for (var e = slot.Head; e is not null; e = e.Next)
            {
                if (e.SeenInScan != _scan)
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
            slot.Head = kept;
            MarkDirty(slot);
        }
        AnnounceDirty(changes);
    }

    /// <summary>Forgets everything and withdraws what was announced (protocol shutdown).</summary>
    public void Clear(List<LearnedChange> changes)
    {
        foreach (var slot in _byPrefix.Values)
            if (slot.Announced is not null)
                changes.Add(new LearnedChange(slot.Prefix, null));
        _byPrefix.Clear();
        _dirty.Clear();
        Count = 0;
    }

    private void Upsert(in RouteMessage route)
    {
        ref var slotRef = ref CollectionsMarshal.GetValueRefOrAddDefault(_byPrefix, route.Destination, out _);
        var slot = slotRef ??= new Slot(route.Destination);
        for (var e = slot.Head; e is not null; e = e.Next)
        {
            if (e.Route.Priority != route.Priority)
                continue;
            e.SeenInScan = _scan;
            if (!RouteComparison.Same(e.Route, route))
            {
                e.Route = route;
                e.Version++;
                MarkDirty(slot);
            }
            return;
        }
        slot.Head = new Entry(route, _scan) { Next = slot.Head };
        MarkDirty(slot);
    }

    private void Remove(Prefix prefix, uint metric)
    {
        if (!_byPrefix.TryGetValue(prefix, out var slot))
            return;
        Entry? previous = null;
        for (var e = slot.Head; e is not null; previous = e, e = e.Next)
        {
            if (e.Route.Priority != metric)
                continue;
            if (previous is not null)
                previous.Next = e.Next;
            else
                slot.Head = e.Next;
            MarkDirty(slot);
            return;
        }
    }

    private void MarkDirty(Slot slot)
    {
        if (slot.Dirty)
            return;
        slot.Dirty = true;
        _dirty.Add(slot);
    }

    private void AnnounceDirty(List<LearnedChange> changes)
    {
        foreach (var slot in _dirty)
        {
            slot.Dirty = false;
            Announce(slot, changes);
            if (slot.Head is null && slot.Announced is null)
                _byPrefix.Remove(slot.Prefix);
        }
        _dirty.Clear();
    }

    private void Announce(Slot slot, List<LearnedChange> changes)
    {
        Entry? best = null;
        for (var e = slot.Head; e is not null; e = e.Next)
            if (best is null || e.Route.Priority < best.Route.Priority)
                best = e;
        // While the announced entry keeps its version, its route is exactly what was announced.
        var previous = slot.Announced is { } announced && announced.Version == slot.AnnouncedVersion ? announced : null;
        if (best is not null)
        {
            if (previous is not null && (ReferenceEquals(previous, best) || RouteComparison.Same(previous.Route, best.Route)))
            {
                slot.Announced = best;
                slot.AnnouncedVersion = best.Version;
                return;
            }
            if (slot.Announced is null)
                Count++;
            slot.Announced = best;
            slot.AnnouncedVersion = best.Version;
            changes.Add(new LearnedChange(slot.Prefix, best.Route));
        }
        else if (slot.Announced is not null)
        {
            slot.Announced = null;
            Count--;
            changes.Add(new LearnedChange(slot.Prefix, null));
        }
    }
}
