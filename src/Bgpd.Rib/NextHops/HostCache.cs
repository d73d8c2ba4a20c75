using System.Collections.Immutable;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.NextHops;

/// <summary>
/// Recursive next-hop resolution through one table (BIRD's hostcache): entries for the next-hop
/// addresses routes use, each resolved by the table's best route to it. A change of the best route
/// of any network that covers an entry's address at least as specifically as its current resolution
/// schedules a re-resolution; routes of the dependent tables whose entry changed get the new next
/// hops and IGP metric (or become unreachable) and are re-announced. Used on the routing loop only.
/// </summary>
public sealed class HostCache
{
    private readonly RoutingTable _table;
    private readonly Dictionary<(IpAddress Address, IpAddress Link), HostEntry> _entries = [];
    // The entries' addresses, kept apart for the check every best-route change of a burst makes.
    private IpAddress[] _entryAddresses = [];
    // Every (address/length) prefix whose best-route change can alter some entry's resolution, with a use count.
    private readonly Dictionary<Prefix, int> _watched = [];
    private readonly HashSet<RoutingTable> _dependents = [];
    private bool _updateScheduled;
    private IInterfaceView? _interfaces;

    internal HostCache(RoutingTable table) => _table = table;

    /// <summary>Number of entries (for tests and `show memory`).</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Interfaces consulted when no route in the table covers a next hop (a connected network without
    /// `protocol direct`); a change of them re-resolves every entry.
    /// </summary>
    public IInterfaceView? Interfaces
    {
        get => _interfaces;
        set
        {
            if (ReferenceEquals(_interfaces, value)) return;
            if (_interfaces is not null) _interfaces.Changed -= Invalidate;
            _interfaces = value;
            if (value is not null) value.Changed += Invalidate;
        }
    }

    /// <summary>
    /// The entry for <paramref name="address"/> (gateway <paramref name="link"/> when it is directly
    /// reachable), resolved now; routes in <paramref name="dependent"/> will follow its changes.
    /// </summary>
    public HostEntry Get(IpAddress address, IpAddress link, RoutingTable dependent)
    {
        ArgumentNullException.ThrowIfNull(dependent);
        _dependents.Add(dependent);
        if (_entries.TryGetValue((address, link), out var entry)) return entry;
        entry = new HostEntry(this, address, link);
        _entries.Add((address, link), entry);
        _entryAddresses = [.. _entryAddresses, address];
        Resolve(entry);
        return entry;
    }

    /// <summary>Re-resolves every entry on the next loop turn (interfaces changed).</summary>
    public void Invalidate() => Schedule();

    /// <summary>The table's best route for <paramref name="prefix"/> changed.</summary>
    internal void NetChanged(Prefix prefix)
    {
        if (_updateScheduled || _watched.Count == 0) return;
        // Every watched prefix covers some entry's address; with the usual handful of next hops, checking
        // those is cheaper than hashing the prefix (this runs for each best-route change of a burst).
        if (_entries.Count <= FewEntries && !CoversAnEntry(prefix)) return;
        if (_watched.ContainsKey(prefix)) Schedule();
    }

    private const int FewEntries = 8;

    private bool CoversAnEntry(Prefix prefix)
    {
        foreach (var address in _entryAddresses)
            if (prefix.Contains(address)) return true;
        return false;
    }

    private void Schedule()
    {
        if (_updateScheduled) return;
        _updateScheduled = true;
        _table.Loop.Post(Update);
    }

    /// <summary>BIRD rt_update_hostcache: re-resolve, drop unused entries, update dependent routes.</summary>
    internal void Update()
    {
        _updateScheduled = false;
        var changed = false;
        List<(IpAddress, IpAddress)>? unused = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Uses <= 0)
            {
                (unused ??= []).Add(key);
                Unwatch(entry);
                continue;
            }
            changed |= Resolve(entry);
        }
        if (unused is not null)
        {
            foreach (var key in unused) _entries.Remove(key);
            _entryAddresses = [.. _entries.Keys.Select(key => key.Address)];
        }
        if (!changed) return;
        foreach (var table in _dependents.ToArray()) table.UpdateNextHops();
    }

    /// <summary>Resolves one entry against the table; true when the result changed.</summary>
    private bool Resolve(HostEntry entry)
    {
        var oldDest = entry.Dest;
        var oldHops = entry.NextHops;
        var oldMetric = entry.IgpMetric;
        Unwatch(entry);

        var dest = RouteDest.Unreachable;
        ImmutableArray<NextHop> hops = [];
        uint metric = 0;
        var length = 0;
        var net = _table.LongestMatch(entry.Address);
        if (net is { Best: { } best } found)
        {
            length = found.Prefix.Length;
            var a = best.Attributes;
            if (a.HostEntry is not null)
            {
                // A recursive route must not depend on another recursive route.
                _table.Loop.Warn($"Next hop address {entry.Address} resolvable through recursive route for {found.Prefix}");
            }
            else if (a.Dest == RouteDest.Device)
            {
                // Directly reachable: the next hop itself (or its link-local address) is the gateway.
                dest = RouteDest.Router;
                hops = [new NextHop(entry.Link, a.NextHops[0].InterfaceName, a.NextHops[0].InterfaceIndex)];
            }
            else
            {
                dest = a.Dest;
                hops = a.NextHops;
                metric = a.Dest is RouteDest.Router or RouteDest.Multipath ? a.IgpMetric : 0;
            }
        }
        else if (_interfaces is not null && _interfaces.TryFindNeighbor(entry.Link, null, out var neighbor))
        {
            dest = RouteDest.Router;
            hops = [new NextHop(entry.Link, neighbor.Name, neighbor.Index)];
            length = entry.Address.IsV6 ? 128 : 32;
        }

        entry.Dest = dest;
        entry.NextHops = hops;
        entry.IgpMetric = metric;
        entry.ResolvedLength = length;
        Watch(entry);
        return oldDest != dest || oldMetric != metric || !oldHops.AsSpan().SequenceEqual(hops.AsSpan());
    }

    private void Watch(HostEntry entry)
    {
        var max = entry.Address.IsV6 ? 128 : 32;
        for (var length = entry.ResolvedLength; length <= max; length++)
        {
            var prefix = new Prefix(entry.Address, length);
            _watched[prefix] = _watched.TryGetValue(prefix, out var n) ? n + 1 : 1;
        }
    }

    private void Unwatch(HostEntry entry)
    {
        if (entry.ResolvedLength < 0) return;
        var max = entry.Address.IsV6 ? 128 : 32;
        for (var length = entry.ResolvedLength; length <= max; length++)
        {
            var prefix = new Prefix(entry.Address, length);
            if (!_watched.TryGetValue(prefix, out var n)) continue;
            if (n <= 1) _watched.Remove(prefix);
            else _watched[prefix] = n - 1;
        }
        entry.ResolvedLength = -1;
    }
}
