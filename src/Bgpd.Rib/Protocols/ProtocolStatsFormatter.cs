using System.Globalization;

namespace Bgpd.Rib.Protocols;

/// <summary>Formats the generic 1.6 `show protocols all` blocks from channel data (nest/proto.c).</summary>
public static class ProtocolStatsFormatter
{
    /// <summary>`Preference:`, `Input filter:`, `Output filter:` and limit lines of 1.6's proto_show_basic_info.</summary>
    public static void AppendBasicInfo16(IList<string> lines, Channel channel)
    {
        lines.Add($"  Preference:     {channel.Preference}");
        lines.Add($"  Input filter:   {channel.ImportFilter.DisplayName}");
        lines.Add($"  Output filter:  {channel.ExportFilter.DisplayName}");
        AppendLimit(lines, channel.ReceiveLimit, "Receive limit:");
        AppendLimit(lines, channel.ImportLimit, "Import limit:");
        AppendLimit(lines, channel.ExportLimit, "Export limit:");
    }

    private static void AppendLimit(IList<string> lines, RouteLimit? limit, string label)
    {
        if (limit is null) return;
        lines.Add($"  {label,-16}{limit.Limit}{(limit.IsHit ? " [HIT]" : "")}");
        lines.Add($"    Action:       {limit.ActionName}");
    }

    /// <summary>`Routes:` and the route change table, BIRD 1.6 proto_show_stats.</summary>
    public static void Append16(IList<string> lines, Channel channel)
    {
        var s = channel.Stats;
        lines.Add(channel.ImportKeepFiltered
            ? $"  Routes:         {s.ImportedRoutes} imported, {s.FilteredRoutes} filtered, {s.ExportedRoutes} exported, {s.PreferredRoutes} preferred"
            : $"  Routes:         {s.ImportedRoutes} imported, {s.ExportedRoutes} exported, {s.PreferredRoutes} preferred");
        AppendChangeTable(lines,
            [s.ImportUpdatesReceived, s.ImportUpdatesInvalid, s.ImportUpdatesFiltered, s.ImportUpdatesIgnored, s.ImportUpdatesAccepted],
            [s.ImportWithdrawsReceived, s.ImportWithdrawsInvalid, null, s.ImportWithdrawsIgnored, s.ImportWithdrawsAccepted],
            [s.ExportUpdatesReceived, s.ExportUpdatesRejected, s.ExportUpdatesFiltered, null, s.ExportUpdatesAccepted],
            [s.ExportWithdrawsReceived, null, null, null, s.ExportWithdrawsAccepted]);
    }

    /// <summary>The 1.6 route change table; a null cell prints as "---".</summary>
    public static void AppendChangeTable(IList<string> lines, long?[] importUpdates, long?[] importWithdraws, long?[] exportUpdates, long?[] exportWithdraws)
    {
        lines.Add("  Route change stats:     received   rejected   filtered    ignored   accepted");
        lines.Add("    Import updates:    " + Cells(importUpdates));
        lines.Add("    Import withdraws:  " + Cells(importWithdraws));
        lines.Add("    Export updates:    " + Cells(exportUpdates));
        lines.Add("    Export withdraws:  " + Cells(exportWithdraws));
    }

    private static string Cells(long?[] cells) =>
        string.Concat(cells.Select(c => " " + (c is { } v ? v.ToString(CultureInfo.InvariantCulture) : "---").PadLeft(10)));
}
