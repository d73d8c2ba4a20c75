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
        var key = created ?? old;
        if (key is null) return false;
        var preference = key.Preference;
        var neighbourAs = NeighbourAs(key);

        // A route that moved to another group: leaving one group and joining the other are two events.
        if (created is not null && old is not null && !SameGroup(old, preference, neighbourAs))
        {
            var left = RecalculateHook(net, null, old, oldBest);
            var joined = RecalculateHook(net, created, null, oldBest);
            return left || joined;
        }

        if (created is not null) created.Suppressed = true;
        var oldWasGroupBest = false;
        if (old is not null)
        {
            oldWasGroupBest = !old.Suppressed;
            old.Suppressed = true;
            var createdIsBetter = created is not null && IsBetter(created, old);
            // Replacing a group loser with a worse route, or removing a loser: nothing changes.
            if (!oldWasGroupBest && !createdIsBetter) return false;
            // Replacing the group's best with a better route: the new one is the group's best.
            if (oldWasGroupBest && createdIsBetter)
            {
                created!.Suppressed = false;
                return ReferenceEquals(old, oldBest);
            }
        }

        // Otherwise find the group's best again (the new route is not linked yet).
        var best = created;
        foreach (var route in net.Routes)
        {
            if (route.IsFiltered || route.Source is not BgpProtocol { Options.DeterministicMed: true } || !SameGroup(route, preference, neighbourAs))
                continue;
            route.Suppressed = true;
            if (best is null || IsBetter(route, best)) best = route;
        }
        if (best is null) return false;
        best.Suppressed = false;
        if (ReferenceEquals(best, created)) return oldBest is not null && SameGroup(oldBest, preference, neighbourAs);
        return oldWasGroupBest;
    }

    private static bool SameGroup(Route route, int preference, uint neighbourAs) =>
        route.Preference == preference && NeighbourAs(route) == neighbourAs;
}
