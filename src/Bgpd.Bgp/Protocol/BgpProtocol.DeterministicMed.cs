using Bgpd.Rib.Tables;

namespace Bgpd.Bgp.Protocol;

public sealed partial class BgpProtocol
{
    /// <summary>
    /// `deterministic med` (BIRD 1.6 bgp_rte_recalculate): routes are grouped by preference and neighbour
    /// AS; in the group of the changed route every route but the group's best is marked suppressed, so
    /// the table's selection only compares group winners (where MEDs of different ASes are not compared).
    /// Returns true when the table must search its best route again.
    /// </summary>
    protected override bool RecalculateHook(Network net, Route? created, Route? old, Route? oldBest)
    {
        if (!Options.DeterministicMed) return false;
        if (created is { IsFiltered: true }) created = null;
        if (old is { IsFiltered: true }) old = null;
        if ((created ?? old) is not { } key) return false;
        var preference = key.Preference;
        var neighbourAs = NeighbourAs(key);

        // A route that moved to another group: leaving one group and joining the other are two events.
        if (created is not null && old is { } moved && !SameGroup(moved, preference, neighbourAs))
        {
            var left = RecalculateHook(net, null, old, oldBest);
            var joined = RecalculateHook(net, created, null, oldBest);
            return left || joined;
        }

        if (created is { } added) added.Suppressed = true;
        var oldWasGroupBest = false;
        if (old is { } gone)
        {
            oldWasGroupBest = !gone.Suppressed;
            gone.Suppressed = true;
            var createdIsBetter = created is { } candidate && IsBetter(candidate, gone);
            var replacement = created.GetValueOrDefault();
            // Replacing a group loser with a worse route, or removing a loser: nothing changes.
            if (!oldWasGroupBest && !createdIsBetter) return false;
            // Replacing the group's best with a better route: the new one is the group's best.
            if (oldWasGroupBest && createdIsBetter)
            {
                replacement.Suppressed = false;
                return gone == oldBest;
            }
        }

        // Otherwise find the group's best again (the new route is not linked yet).
        var best = created;
        foreach (var route in net.Routes)
        {
            if (route.IsFiltered || route.Source is not BgpProtocol { Options.DeterministicMed: true } || !SameGroup(route, preference, neighbourAs))
                continue;
            route.Suppressed = true;
            if (best is not { } current || IsBetter(route, current)) best = route;
        }
        if (best is not { } groupBest) return false;
        groupBest.Suppressed = false;
        if (groupBest == created) return oldBest is { } previous && SameGroup(previous, preference, neighbourAs);
        return oldWasGroupBest;
    }

    private static bool SameGroup(Route route, int preference, uint neighbourAs) =>
        route.Preference == preference && NeighbourAs(route) == neighbourAs;
}
