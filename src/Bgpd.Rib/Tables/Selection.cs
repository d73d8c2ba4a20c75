namespace Bgpd.Rib.Tables;

/// <summary>Best route selection, BIRD 1.6 rte_better.</summary>
public static class Selection
{
    /// <summary>
    /// True when <paramref name="candidate"/> beats <paramref name="current"/>: valid over filtered, higher
    /// preference, then a fixed order between protocol classes, then the protocol's own comparison
    /// (BGP's decision process).
    /// </summary>
    public static bool IsBetter(Route candidate, Route current)
    {
        if (current.IsFiltered) return !candidate.IsFiltered;
        if (candidate.IsFiltered) return false;
        if (candidate.Preference != current.Preference) return candidate.Preference > current.Preference;
        var a = candidate.Source ?? candidate.Sender.Protocol;
        var b = current.Source ?? current.Sender.Protocol;
        if (a.GetType() != b.GetType())
        {
            // BIRD compares protocol class pointers here: arbitrary but stable. Class names are stable too.
            var byClass = string.CompareOrdinal(a.ClassName, b.ClassName);
            return byClass != 0 ? byClass > 0 : string.CompareOrdinal(a.GetType().FullName, b.GetType().FullName) > 0;
        }
        return a.RunIsBetter(candidate, current);
    }

    /// <summary>Moves the best route of <paramref name="net"/> to the front of its list.</summary>
    internal static void MoveBestFirst(Network net)
    {
        if (net.First is not { } first) return;
        Route best = first;
        var beforeBest = first;
        for (Route prev = first, r; prev.Next is { } next; prev = r)
        {
            r = next;
            if (!IsBetter(r, best)) continue;
            best = r;
            beforeBest = prev;
        }
        if (best == first) return;
        beforeBest.NextSlot = best.NextSlot;
        best.NextSlot = first.Slot;
        net.FirstSlot = best.Slot;
    }
}
