using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Tables;

public sealed partial class RoutingTable
{
    /// <summary>
    /// BIRD 1.6 rte_recalculate: replaces the route of source (<paramref name="source"/>, <paramref name="pathId"/>)
    /// sent by <paramref name="sender"/> with the new one (null = withdraw), applying receive/import
    /// limits and counters, re-selecting the best route and announcing the change.
    /// </summary>
    internal void Recalculate(Channel sender, Prefix prefix, RouteAttributes? attributes, int preference, bool filtered, Protocol? source, uint pathId)
    {
        var stats = sender.Stats;
        // A new network is made with its first route, further down, once the update is known to stay.
        var net = Find(prefix);
        if (net is null && attributes is null)
        {
            stats.ImportWithdrawsIgnored++;
            return;
        }

        Route? old = null;
        if (net is { } found)
        {
            foreach (var r in found.Routes)
            {
                if (!ReferenceEquals(r.Attributes.Protocol, source) || r.Attributes.PathId != pathId) continue;
                old = r;
                break;
            }
        }

        if (old is { } existing)
        {
            if (!ReferenceEquals(existing.Sender.Protocol, sender.Protocol))
            {
                // Two paths from one source into this table through transparent pipes.
                if (attributes is not null) Loop.Error($"Pipe collision detected when sending {prefix} to table {Name}");
                return;
            }
            if (attributes is not null && ReferenceEquals(existing.Attributes, attributes) && existing.Preference == preference && existing.IsFiltered == filtered)
            {
                if (!filtered) stats.ImportUpdatesIgnored++;
                existing.IsStale = false;
                return;
            }
        }
        else if (attributes is null)
        {
            stats.ImportWithdrawsIgnored++;
            return;
        }

        var newOk = attributes is not null && !filtered;
        var oldOk = old is { IsFiltered: false };

        if (sender.ReceiveLimit is { } rx && old is null && attributes is not null)
        {
            var all = stats.ImportedRoutes + stats.FilteredRoutes;
            if (all >= rx.Limit) sender.NotifyLimit(rx, all);
            if (rx.State == LimitState.Blocked)
            {
                stats.ImportUpdatesIgnored++;
                return;
            }
        }

        var countChange = true;
        if (sender.ImportLimit is { } limit && !oldOk && newOk)
        {
            if (stats.ImportedRoutes >= limit.Limit) sender.NotifyLimit(limit, stats.ImportedRoutes);
            if (limit.State == LimitState.Blocked)
            {
                // Handled like a filtered route, as BIRD does.
                stats.ImportUpdatesIgnored++;
                if (sender.ImportKeepFiltered) filtered = true;
                else attributes = null;
                if (old is null && attributes is null) return;
                newOk = false;
                countChange = false;
            }
        }

        if (countChange)
        {
            if (newOk) stats.ImportUpdatesAccepted++;
            else if (oldOk) stats.ImportWithdrawsAccepted++;
            else stats.ImportWithdrawsIgnored++;
        }

        if (attributes is not null)
        {
            if (filtered) stats.FilteredRoutes++;
            else stats.ImportedRoutes++;
        }
        if (old is { } replaced)
        {
            if (replaced.IsFiltered) stats.FilteredRoutes--;
            else stats.ImportedRoutes--;
        }

        Route? created = null;
        if (attributes is not null)
        {
            net ??= AddNetwork(prefix);
            created = NewRoute(net.Value, attributes, sender, preference, filtered, NowMs());
        }
        Replace(net!.Value, prefix, old, created);
    }

    /// <summary>Removes every route <paramref name="channel"/> put in this table (protocol going down), announcing withdraws.</summary>
    internal void Flush(Channel channel)
    {
        if (channel.Stats.ImportedRoutes == 0 && channel.Stats.FilteredRoutes == 0) return;
        foreach (var net in NetsSnapshot())
        {
            foreach (var r in net.Routes)
            {
                if (ReferenceEquals(r.Sender, channel))
                {
                    if (r.IsFiltered) channel.Stats.FilteredRoutes--;
                    else channel.Stats.ImportedRoutes--;
                    Replace(net, r, null);
                }
            }
        }
    }

    /// <summary>Removes the routes <paramref name="channel"/> put in this table that are still marked stale (BIRD rt_refresh_end).</summary>
    internal void FlushStale(Channel channel)
    {
        foreach (var net in NetsSnapshot())
        {
            foreach (var r in net.Routes)
            {
                if (r.IsStale && ReferenceEquals(r.Sender, channel))
                {
                    if (r.IsFiltered) channel.Stats.FilteredRoutes--;
                    else channel.Stats.ImportedRoutes--;
                    Replace(net, r, null);
                }
            }
        }
    }

    /// <summary>
    /// BIRD rt_modify_stale: each route of <paramref name="channel"/> still marked stale is replaced by
    /// <paramref name="modify"/>'s result (import filters are not run again; the route stays stale and
    /// keeps its age), or withdrawn when it returns null.
    /// </summary>
    internal void ModifyStale(Channel channel, Func<RouteAttributes, RouteAttributes?> modify)
    {
        foreach (var net in NetsSnapshot())
        {
            foreach (var r in net.Routes)
            {
                if (r.IsStale && ReferenceEquals(r.Sender, channel))
                {
                    var attributes = modify(r.Attributes);
                    if (attributes is null)
                    {
                        if (r.IsFiltered) channel.Stats.FilteredRoutes--;
                        else channel.Stats.ImportedRoutes--;
                        Replace(net, r, null);
                    }
                    else if (!ReferenceEquals(attributes, r.Attributes))
                    {
                        var updated = NewRoute(net, Loop.Attributes.Intern(attributes), r.Sender, r.Preference, r.IsFiltered, r.LastModifiedMs);
                        updated.IsStale = true;
                        Replace(net, r, updated);
                    }
                }
            }
        }
    }

    /// <summary>Marks every route <paramref name="channel"/> put in this table stale (BIRD rt_refresh_begin).</summary>
    internal void MarkStale(Channel channel)
    {
        foreach (var net in _nets)
            foreach (var r in net.Routes)
                if (ReferenceEquals(r.Sender, channel)) r.IsStale = true;
    }

    /// <summary>
    /// BIRD rt_next_hop_update: routes whose recursive next hop resolves differently now get the new
    /// destination, next hops and IGP metric (import filters are not run again), best routes are
    /// re-selected and changes announced.
    /// </summary>
    internal void UpdateNextHops()
    {
        foreach (var net in NetsSnapshot())
        {
            foreach (var r in net.Routes)
            {
                if (r.Attributes.HostEntry is { } entry && !entry.IsAppliedTo(r.Attributes))
                {
                    var attributes = Loop.Attributes.Intern(r.Attributes.WithHostEntry(entry));
                    var updated = NewRoute(net, attributes, r.Sender, r.Preference, r.IsFiltered, r.LastModifiedMs);
                    updated.IsStale = r.IsStale;
                    Replace(net, r, updated);
                }
            }
        }
    }

    /// <summary>Unlinks <paramref name="old"/>, links <paramref name="created"/>, re-selects the best route and announces.</summary>
    private void Replace(Network net, Route? old, Route? created) => Replace(net, net.Prefix, old, created);

    // The import path knows the prefix already: building it again from the network's packed fields was
    // ~3% of a route burst (Prefix's checked, masking constructor).
    private void Replace(Network net, in Prefix prefix, Route? old, Route? created)
    {
        var oldBest = net.Best;
        var oldWasFirst = old is { } o && net.FirstSlot == o.Slot;
        if (old is { } gone)
        {
            Unlink(net, gone);
            Loop.Attributes.Release(gone.Attributes);
            if (gone.Attributes.HostEntry is { } entry) entry.Uses--;
        }
        // The originating protocol's pre-selection hook (BGP deterministic MED) may ask for a full re-selection.
        var key = created ?? old;
        var reselect = key?.Source is { } source && source.RunRecalculateHook(net, created, old, oldBest);
        if (created is { } added)
        {
            AttributeCache.Retain(added.Attributes);
            if (added.Attributes.HostEntry is { } entry) entry.Uses++;
            RouteCount++;
            if (net.First is not { } first || Selection.IsBetter(added, first))
            {
                added.NextSlot = net.FirstSlot;
                net.FirstSlot = added.Slot;
            }
            else
            {
                added.NextSlot = first.NextSlot;
                first.NextSlot = added.Slot;
            }
        }
        if (oldWasFirst || reselect) Selection.MoveBestFirst(net);

        var newBest = net.Best;
        RouteTrace.Recalculated(net, created, old, oldBest);
        RemoveIfEmpty(net);
        if (newBest != oldBest) _hostCache?.NetChanged(prefix);
        Announce(net, prefix, created is { IsFiltered: false } ? created : null, old is { IsFiltered: false } ? old : null,
            newBest, oldBest);
        // Readable until this work item ends: the exports above (and their queues within the item) still read it.
        if (old is { } retired) _store.RetireRoute(retired.Slot);
    }

    private void Unlink(Network net, Route route)
    {
        var slot = route.Slot;
        if (net.FirstSlot == slot) net.FirstSlot = route.NextSlot;
        else
        {
            for (var r = net.FirstSlot; r != 0;)
            {
                ref var entry = ref _store.RouteAt(r);
                if (entry.Next != slot)
                {
                    r = entry.Next;
                    continue;
                }
                entry.Next = route.NextSlot;
                break;
            }
        }
        route.NextSlot = 0;
        RouteCount--;
    }

    /// <summary>BIRD rte_announce for RA_ANY and RA_OPTIMAL, in channel attach order.</summary>
    private void Announce(Network net, in Prefix prefix, Route? created, Route? old, Route? newBest, Route? oldBest)
    {
        var bestChanged = newBest != oldBest;
        if (bestChanged)
        {
            if (newBest?.Source?.MainChannel is { } gained) gained.Stats.PreferredRoutes++;
            if (oldBest?.Source?.MainChannel is { } lost) lost.Stats.PreferredRoutes--;
        }
        var channels = _channels;
        if (channels.Length == 0) return;
        var anyChanged = created is not null || old is not null;
        foreach (var channel in channels)
        {
            if (!channel.IsExportActive) continue;
            try
            {
                NotifyChannel(channel, net, prefix, created, old, newBest, oldBest, bestChanged, anyChanged);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One protocol failing on an export must not keep the change from the others.
                Loop.Error($"Protocol {channel.Protocol.Name} failed to process {prefix} from table {Name}: {e}");
            }
        }
    }

    private static void NotifyChannel(Channel channel, Network net, in Prefix prefix, Route? created, Route? old, Route? newBest, Route? oldBest, bool bestChanged, bool anyChanged)
    {
        switch (channel.ExportMode)
        {
            case ExportMode.Optimal when bestChanged:
                channel.Notify(prefix, newBest, oldBest, refeed: false);
                break;
            case ExportMode.Any when anyChanged:
                channel.Notify(prefix, created, old, refeed: false);
                break;
            case ExportMode.Merged when anyChanged:
                channel.NotifyMerged(net, created, old, newBest, oldBest, refeed: false);
                break;
        }
    }
}
