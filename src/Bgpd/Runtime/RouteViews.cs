using Bgpd.Control.Views;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;

namespace Bgpd.Runtime;

/// <summary>Builds <c>show route</c> views (BIRD 1.6 rt_show_rte) from table routes.</summary>
public static class RouteViews
{
    public static RouteView Create(Route route, bool primary, bool syncError = false) =>
        Create(route, route.Attributes, route.Preference, primary, syncError);

    /// <summary>
    /// The view of <paramref name="route"/> as a filter left it (<c>show route filter</c> and
    /// <c>export</c> print the route after the filter's changes, as BIRD does).
    /// </summary>
    public static RouteView Create(Route route, RouteAttributes a, int preference, bool primary, bool syncError = false)
    {
        var multipath = a.Dest == RouteDest.Multipath || (a.Dest == RouteDest.Router && a.NextHops.Length > 1);
        var from = !a.From.IsZero && a.From != a.Gateway ? a.From : (Bgpd.Net.IpAddress?)null;
        return new RouteView
        {
            Network = route.Prefix,
            Destination = multipath ? "multipath" : Destination(a),
            ProtocolName = route.Source?.Name ?? route.Sender.Protocol.Name,
            Since = route.LastModified,
            From = from,
            Primary = primary,
            SyncError = syncError,
            Info = Info(route, a, preference),
            NextHops = multipath
                ? a.NextHops.Select(h => new NextHopView(h.Gateway, h.InterfaceName ?? "", h.Weight)).ToList()
                : [],
            TypeText = RouteTypeNames.TypeLine16(a.Source, a.Cast, a.Scope),
            Attributes = a.Attributes.SelectMany(EaFormatter.FormatLines).ToList(),
        };
    }

    static string Destination(RouteAttributes a) => a.Dest switch
    {
        RouteDest.Router => a.InterfaceName is { } iface ? $"via {a.Gateway} on {iface}" : $"via {a.Gateway}",
        RouteDest.Device => $"dev {a.InterfaceName}",
        _ => a.Dest.RejectName() ?? "???",
    };

    /// <summary>
    /// The text after the brackets (BIRD 1.6 bgp_get_route_info): <c> (pref)</c>; BGP adds <c>-</c> for a
    /// route suppressed by deterministic MED, <c>/igp_metric</c> (<c>/?</c> unknown, <c>/-</c> unreachable)
    /// for a recursive next hop, and the origin AS and ORIGIN.
    /// </summary>
    static string Info(Route route, RouteAttributes a, int preference)
    {
        if (a.Source != RouteSource.Bgp) return $" ({preference})";
        var suppressed = route.Suppressed ? "-" : "";
        var metric = !a.IsRecursive ? ""
            : a.Dest is not (RouteDest.Router or RouteDest.Device or RouteDest.Multipath) ? "/-"
            : a.IgpMetric >= RouteAttributes.IgpMetricUnknown ? "/?"
            : "/" + a.IgpMetric.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var origin = a.TryGet(EaId.BgpOrigin, out var o) ? o.AsInt switch { 0 => "i", 1 => "e", _ => "?" } : "";
        var lastAs = a.TryGet(EaId.BgpAsPath, out var p) ? p.AsPath.LastAs : null;
        var asText = lastAs is { } asn ? $"AS{asn}" : "";
        return $" ({preference}{suppressed}{metric}) [{asText}{origin}]";
    }
}
