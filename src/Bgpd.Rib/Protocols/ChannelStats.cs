namespace Bgpd.Rib.Protocols;

/// <summary>
/// Route counters of a channel, counted exactly where BIRD 1.6 counts its proto_stats
/// (nest/rt-table.c), so `show protocols all` prints the same numbers.
/// </summary>
public sealed class ChannelStats
{
    /// <summary>imp_routes: routes in the table from this channel that passed the import filter.</summary>
    public long ImportedRoutes { get; internal set; }
    /// <summary>filt_routes: routes kept although filtered (`import keep filtered`).</summary>
    public long FilteredRoutes { get; internal set; }
    /// <summary>exp_routes: routes currently exported.</summary>
    public long ExportedRoutes { get; internal set; }
    /// <summary>pref_routes: best routes originated by this channel's protocol (1.6 counts every table).</summary>
    public long PreferredRoutes { get; internal set; }

    /// <summary>imp_updates_received.</summary>
    public long ImportUpdatesReceived { get; internal set; }
    /// <summary>imp_updates_invalid (shown as "rejected").</summary>
    public long ImportUpdatesInvalid { get; internal set; }
    /// <summary>imp_updates_filtered.</summary>
    public long ImportUpdatesFiltered { get; internal set; }
    /// <summary>imp_updates_ignored: unchanged route, or blocked by a limit.</summary>
    public long ImportUpdatesIgnored { get; internal set; }
    /// <summary>imp_updates_accepted.</summary>
    public long ImportUpdatesAccepted { get; internal set; }
    /// <summary>imp_withdraws_received.</summary>
    public long ImportWithdrawsReceived { get; internal set; }
    /// <summary>imp_withdraws_invalid.</summary>
    public long ImportWithdrawsInvalid { get; internal set; }
    /// <summary>imp_withdraws_ignored: nothing to withdraw.</summary>
    public long ImportWithdrawsIgnored { get; internal set; }
    /// <summary>imp_withdraws_accepted.</summary>
    public long ImportWithdrawsAccepted { get; internal set; }

    /// <summary>exp_updates_received.</summary>
    public long ExportUpdatesReceived { get; internal set; }
    /// <summary>exp_updates_rejected: by the protocol (import_control) or an export limit.</summary>
    public long ExportUpdatesRejected { get; internal set; }
    /// <summary>exp_updates_filtered: by the export filter.</summary>
    public long ExportUpdatesFiltered { get; internal set; }
    /// <summary>exp_updates_accepted.</summary>
    public long ExportUpdatesAccepted { get; internal set; }
    /// <summary>exp_withdraws_received.</summary>
    public long ExportWithdrawsReceived { get; internal set; }
    /// <summary>exp_withdraws_accepted.</summary>
    public long ExportWithdrawsAccepted { get; internal set; }

    /// <summary>Counts an update the protocol found malformed before handing it over (BGP treat-as-withdraw etc.).</summary>
    public void CountInvalidUpdate() => ImportUpdatesInvalid++;

    /// <summary>Counts a withdraw the protocol found malformed.</summary>
    public void CountInvalidWithdraw() => ImportWithdrawsInvalid++;

    /// <summary>Zeroes every counter except the route counts and preferred routes, which follow the tables.</summary>
    public void ResetChangeCounters()
    {
        ImportUpdatesReceived = ImportUpdatesInvalid = ImportUpdatesFiltered = ImportUpdatesIgnored = ImportUpdatesAccepted = 0;
        ImportWithdrawsReceived = ImportWithdrawsInvalid = ImportWithdrawsIgnored = ImportWithdrawsAccepted = 0;
        ExportUpdatesReceived = ExportUpdatesRejected = ExportUpdatesFiltered = ExportUpdatesAccepted = 0;
        ExportWithdrawsReceived = ExportWithdrawsAccepted = 0;
    }
}
