using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Kernel;

/// <summary>Compares kernel routes by what the kernel would forward with (the record's own equality
/// compares next-hop arrays and metrics by reference).</summary>
public static class RouteComparison
{
    /// <summary>Same destination behaviour: type, next hop(s), preferred source, realm, priority, metrics, onlink.</summary>
    public static bool SameForwarding(in RouteMessage a, in RouteMessage b)
    {
        if (a.Destination != b.Destination || a.Type != b.Type || a.Priority != b.Priority ||
            a.PreferredSource != b.PreferredSource || a.Table != b.Table)
            return false;
        if ((a.Flow ?? 0) != (b.Flow ?? 0) && !(a.IsMultipath && b.IsMultipath))
            return false;
        if (!SameMetrics(a.Metrics, b.Metrics))
            return false;
        if (a.IsMultipath || b.IsMultipath)
            return a.IsMultipath && b.IsMultipath && SameHops(a.NextHops!, b.NextHops!);
        if (a.Type != RouteType.Unicast)
            return true;
        return a.Gateway == b.Gateway && a.OutputInterface == b.OutputInterface && a.IsOnlink == b.IsOnlink;
    }

    /// <summary>Exact equality including protocol, scope and flags (used to drop duplicate notifications).</summary>
    public static bool Same(in RouteMessage a, in RouteMessage b) =>
        SameForwarding(a, b) && a.Protocol == b.Protocol && a.Scope == b.Scope && (a.Flow ?? 0) == (b.Flow ?? 0);

    private static bool SameMetrics(RouteMetrics? a, RouteMetrics? b) =>
        (a is null || a.IsEmpty) ? (b is null || b.IsEmpty) : a.Equals(b);

    private static bool SameHops(NextHop[] a, NextHop[] b)
    {
        if (a.Length != b.Length)
            return false;
        // The kernel keeps next hops in the order given; compare as sets so our order never causes churn.
        foreach (var hop in a)
        {
            var found = false;
            foreach (var other in b)
                if (hop.Gateway == other.Gateway && hop.InterfaceIndex == other.InterfaceIndex && hop.Weight == other.Weight &&
                    (hop.Flags & RouteFlags.NextHopOnlink) == (other.Flags & RouteFlags.NextHopOnlink) && (hop.Flow ?? 0) == (other.Flow ?? 0))
                {
                    found = true;
                    break;
                }
            if (!found)
                return false;
        }
        return true;
    }
}
