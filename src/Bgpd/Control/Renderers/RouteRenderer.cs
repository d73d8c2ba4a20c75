using System.Globalization;
using Bgpd.Control.Views;

namespace Bgpd.Control.Renderers;

/// <summary>The outcome of evaluating a <c>show route</c> query: what to print and BIRD's three counters.</summary>
public sealed record RouteListing(IReadOnlyList<NetworkView> Networks, long ShownRoutes, long VisitedRoutes, long VisitedNetworks);

/// <summary><c>show route</c> in BIRD 1.6's layout: <c>1007</c> route lines, <c>1008</c> type, <c>1012</c> attributes.</summary>
public static class RouteRenderer
{
    const int PrefixWidth = 18;

    public static void Render(RouteListing listing, bool verbose, bool countOnly, bool stats, bool singleNetwork,
        TimeFormats formats, DateTimeOffset now, IReplySink reply)
    {
        if (!countOnly)
        {
            foreach (var network in listing.Networks)
            {
                var first = true;
                foreach (var route in network.Routes)
                {
                    WriteRoute(route, first, verbose, formats, now, reply);
                    first = false;
                }
            }
        }
        if (countOnly || stats)
        {
            reply.Final(14, string.Create(CultureInfo.InvariantCulture,
                $"{listing.ShownRoutes} of {listing.VisitedRoutes} routes for {listing.VisitedNetworks} networks"));
            return;
        }
        if (singleNetwork && listing.VisitedRoutes == 0) reply.Final(8001, "Network not in table");
        else reply.Final(0, "");
    }

    public static void WriteRoute(RouteView route, bool first, bool verbose, TimeFormats formats, DateTimeOffset now, IReplySink reply)
    {
        var prefix = first ? route.Network.ToString() : "";
        var from = route.From is { } f ? " from " + f : "";
        var star = route.SyncError ? " !" : route.Primary ? " *" : "";
        reply.Line(1007, $"{prefix.PadRight(PrefixWidth)} {route.Destination} [{route.ProtocolName} {formats.Route.Render(route.Since, now)}{from}]{star}{route.Info}");
        foreach (var hop in route.NextHops)
            reply.Line(1007, string.Create(CultureInfo.InvariantCulture, $"\tvia {hop.Gateway} on {hop.Interface} weight {hop.Weight}"));
        if (!verbose) return;
        reply.Line(1008, "\tType: " + route.TypeText);
        foreach (var attribute in route.Attributes) reply.Line(1012, "\t" + attribute);
    }
}
