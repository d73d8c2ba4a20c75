using Bgpd.Config;
using Bgpd.Config.Model;
using Bgpd.Filters;
using Bgpd.Control;
using Bgpd.Control.Renderers;
using Bgpd.Control.Views;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;
using ExportMode = Bgpd.Control.ExportMode;

namespace Bgpd.Runtime;

/// <summary>
/// Evaluates <c>show route</c> as BIRD 1.6's rt_show does: one table (default <c>master</c>), each
/// network's routes in preference order, with the protocol, export, primary and filter conditions,
/// counting visited and shown routes.
/// </summary>
public sealed class RouteQueryEngine(
    IReadOnlyDictionary<string, RoutingTable> tables,
    Func<string, Protocol?> findProtocol,
    BirdConfig config,
    FilterProgram program,
    string defaultTable,
    Func<RoutingTable, Bgpd.Net.Prefix, bool> syncError)
{
    public RouteQueryResult Run(RouteQuery q)
    {
        if (!tables.TryGetValue(q.Table ?? defaultTable, out var table))
            return new RouteQueryResult(null, 9001, $"{q.Table ?? defaultTable} is not a table");
        IRouteFilter? filter;
        try
        {
            filter = QueryFilter(q);
        }
        catch (ConfigException e)
        {
            return new RouteQueryResult(null, 9001, e.Message);
        }
        var protocol = q.Protocol is null ? null : findProtocol(q.Protocol);
        var exporter = q.ExportProtocol is null ? null : findProtocol(q.ExportProtocol)?.MainChannel;
        if (q.ExportProtocol is not null && exporter is null)
            return new RouteQueryResult(null, 9001, $"{q.ExportProtocol} is not a protocol");

        var networks = new List<NetworkView>();
        long shown = 0, visited = 0, nets = 0;
        // `show route count` prints only the counters: no views, no sorting (a count of 100k routes built
        // 100k views on the routing loop and kept the loop and the GC busy while routes were arriving).
        var countOnly = q.Count && !q.Stats;
        IEnumerable<Network> candidates = q.Prefix is { } prefix
            ? (q.LongestMatch ? table.LongestMatch(prefix.Address) : table.Find(prefix)) is { } single ? [single] : []
            : countOnly ? table.Nets : table.SortedNets();
        foreach (var net in candidates)
        {
            nets++;
            List<RouteView>? views = null;
            foreach (var route in net.Routes)
            {
                if (route.IsFiltered != q.Filtered) continue;
                visited++;
                if (Passes(route, q, protocol, exporter, filter, out var attributes, out var preference, out var copied))
                {
                    shown++;
                    if (!countOnly)
                    {
                        var primary = route.IsBest && !copied;
                        (views ??= []).Add(RouteViews.Create(route, attributes, preference, primary, primary && syncError(table, net.Prefix)));
                    }
                }
                if (q.PrimaryOnly) break;
            }
            if (views is not null) networks.Add(new NetworkView(net.Prefix, views));
        }
        return new RouteQueryResult(new RouteListing(networks, shown, visited, nets));
    }

    /// <summary>
    /// Whether <paramref name="route"/> is shown, and as what: BIRD's rt_show_net prints the route
    /// after the export filter (for <c>export</c>) and the query filter have changed it. When a
    /// filter wrote the preference or a static attribute, BIRD shows a copy of the route, which its
    /// primary test (pointer equality with the net's first route) no longer marks: <paramref name="copied"/>.
    /// </summary>
    static bool Passes(Route route, RouteQuery q, Protocol? protocol, Channel? exporter, IRouteFilter? filter,
        out RouteAttributes attributes, out int preference, out bool copied)
    {
        attributes = route.Attributes;
        preference = route.Preference;
        copied = false;
        var editor = route.Sender.Table.Loop.Editor;
        if (protocol is not null && !ReferenceEquals(route.Source, protocol)) return false;
        if (exporter is not null)
        {
            if (exporter.ExportMode == Bgpd.Rib.Protocols.ExportMode.Optimal && !route.IsBest) return false;
            if (exporter.RefusesExport(route)) return false;
            var accepted = true;
            if (q.ExportMode != ExportMode.PreExport)
            {
                // Loaded here so that RouteWritten reads false when no export filter runs on the route.
                editor.Load(route.Prefix, route.Attributes, route.Preference);
                accepted = exporter.WouldExport(route, out var exported, out var exportedPreference);
                // Listed as the export filter left it, also by `noexport` (BIRD shows a rejected route with the filter's changes).
                (attributes, preference, copied) = (exported, exportedPreference, editor.RouteWritten);
            }
            if (accepted == (q.ExportMode == ExportMode.NoExport)) return false;
        }
        if (filter is not null)
        {
            editor.Load(route.Prefix, attributes, preference);
            if (filter.Run(editor) != FilterVerdict.Accept) return false;
            attributes = editor.Result();
            preference = editor.Preference;
            copied |= editor.RouteWritten;
        }
        return true;
    }

    IRouteFilter? QueryFilter(RouteQuery q) =>
        q.FilterName is null && q.WhereExpression is null && q.InlineFilter is null
            ? null
            : FilterCompilation.CompileCliFilter(q.FilterName, q.WhereExpression, q.InlineFilter, program, config);
}
