using System.Collections.Immutable;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.Protocols;

public sealed partial class Channel
{
    /// <summary>
    /// BIRD 1.6 rt_notify_merged: on any change that touches the best route or a route mergeable with
    /// it, re-export the best route with the next hops of all mergeable routes that pass the filter.
    /// </summary>
    internal void NotifyMerged(Network net, Route? created, Route? old, Route? newBest, Route? oldBest, bool refeed)
    {
        if (newBest is null && oldBest is null) return;
        if (newBest == oldBest && !refeed)
        {
            var newRelevant = created is { } c && Mergeable(newBest!.Value, c) && PassesExport(c);
            var oldRelevant = old is { } o && Mergeable(oldBest!.Value, o) && PassesExport(o);
            if (!newRelevant && !oldRelevant) return;
        }

        if (newBest is not null) Stats.ExportUpdatesReceived++;
        else Stats.ExportWithdrawsReceived++;

        RouteAttributes? merged = null;
        var preference = 0;
        if (newBest is { } best && ExportMergedRoute(net, best, out var attributes, out preference)) merged = attributes;
        var oldExported = oldBest is { } lost && (refeed || PassesExport(lost));
        if (merged is null && !oldExported) return;
        Deliver(net.Prefix, newBest, merged, preference, oldBest, oldExported, refeed);
    }

    /// <summary>BIRD rt_export_merged: the filtered best route, made multipath with mergeable routes' next hops.</summary>
    private bool ExportMergedRoute(Network net, Route best, out RouteAttributes attributes, out int preference)
    {
        if (!RunExport(best, silent: false, out attributes, out preference)) return false;
        if (!Reachable(attributes)) return true;
        List<NextHop>? hops = null;
        foreach (var other in net.Routes)
        {
            if (other == best) continue;
            if (!Mergeable(best, other) || !RunExport(other, silent: true, out var otherAttributes, out _) || !Reachable(otherAttributes)) continue;
            hops ??= [];
            AddHops(hops, otherAttributes.NextHops);
        }
        if (hops is null) return true;
        AddHops(hops, attributes.NextHops);
        hops.Sort(NextHop.CompareForMultipath);
        if (hops.Count > MergeLimit) hops.RemoveRange(MergeLimit, hops.Count - MergeLimit);
        if (hops.Count > 1)
            attributes = Loop.Attributes.Intern(attributes.WithDestination(RouteDest.Multipath, [.. hops]));
        return true;
    }

    private static void AddHops(List<NextHop> into, ImmutableArray<NextHop> hops)
    {
        foreach (var hop in hops)
        {
            var duplicate = false;
            foreach (var existing in into)
            {
                if (existing.Gateway != hop.Gateway || existing.InterfaceIndex != hop.InterfaceIndex || existing.InterfaceName != hop.InterfaceName) continue;
                duplicate = true;
                break;
            }
            if (!duplicate) into.Add(hop);
        }
    }

    private static bool Reachable(RouteAttributes attributes) => attributes.Dest is RouteDest.Router or RouteDest.Device or RouteDest.Multipath;

    /// <summary>BIRD rte_mergable: both valid, same preference, same protocol class, and the protocol agrees.</summary>
    private static bool Mergeable(Route primary, Route secondary)
    {
        if (primary.IsFiltered || secondary.IsFiltered || primary == secondary) return false;
        if (primary.Preference != secondary.Preference) return false;
        var a = primary.Source ?? primary.Sender.Protocol;
        var b = secondary.Source ?? secondary.Sender.Protocol;
        return a.GetType() == b.GetType() && a.RunIsMergeable(primary, secondary);
    }
}
