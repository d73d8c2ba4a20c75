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
            Info = Info(a, preference),
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

    /// <summary>The text after the brackets: <c> (pref)</c>, BGP adds <c>/igp_metric</c> and the origin AS.</summary>
    static string Info(RouteAttributes a, int preference)
    {
        if (a.Source != RouteSource.Bgp) return $" ({preference})";
        var metric = a.IgpMetric >= RouteAttributes.IgpMetricUnknown ? "?" : a.IgpMetric.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var origin = a.TryGet(EaId.BgpOrigin, out var o) ? o.AsInt switch { 0 => 'i', 1 => 'e', _ => '?' } : '?';
        var lastAs = a.TryGet(EaId.BgpAsPath, out var p) ? p.AsPath.LastAs : null;
        var asText = lastAs is { } asn ? $"AS{asn}" : "";
        return $" ({preference}/{metric}) [{asText}{origin}]";
    }
}
