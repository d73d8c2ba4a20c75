using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.Protocols;

/// <summary>
/// Ties a protocol to a table (BIRD 1.6 announce hook / 2.x channel): the import side puts the
/// protocol's routes into the table through the import filter and limits; the export side receives
/// table changes through the export filter and limit. Used on the routing loop only.
/// </summary>
public sealed partial class Channel
{
    internal Channel(Protocol protocol, RoutingTable table, ChannelOptions options, int defaultPreference)
    {
        Protocol = protocol;
        Table = table;
        Name = options.Name ?? (table.Family == TableFamily.Ipv6 ? "ipv6" : "ipv4");
        ImportFilter = options.ImportFilter;
        ExportFilter = options.ExportFilter;
        Preference = options.Preference ?? defaultPreference;
        ImportKeepFiltered = options.ImportKeepFiltered;
        ExportMode = options.ExportMode;
        MergeLimit = options.MergeLimit;
        ReceiveLimit = options.ReceiveLimit is { } rx ? new RouteLimit(LimitDirection.Receive, rx) : null;
        ImportLimit = options.ImportLimit is { } im ? new RouteLimit(LimitDirection.Import, im) : null;
        ExportLimit = options.ExportLimit is { } ex ? new RouteLimit(LimitDirection.Export, ex) : null;
    }

    /// <summary>Channel name ("ipv4" / "ipv6").</summary>
    public string Name { get; }
    /// <summary>Owning protocol.</summary>
    public Protocol Protocol { get; }
    /// <summary>The table.</summary>
    public RoutingTable Table { get; }
    /// <summary>Import filter (display name: "ACCEPT", "REJECT", filter name).</summary>
    public IRouteFilter ImportFilter { get; set; }
    /// <summary>Export filter.</summary>
    public IRouteFilter ExportFilter { get; set; }
    /// <summary>Preference given to imported routes.</summary>
    public int Preference { get; set; }
    /// <summary>`import keep filtered`.</summary>
    public bool ImportKeepFiltered { get; }
    /// <summary>Optimal (best only) or any route changes.</summary>
    public ExportMode ExportMode { get; private set; }

    /// <summary>
    /// Changes which table changes the export side receives, while it is closed (BGP switches to every
    /// route when ADD-PATH transmission was negotiated, as BIRD 1.6 sets RA_ANY on session start).
    /// </summary>
    public void SetExportMode(ExportMode mode)
    {
        if (IsExportActive) throw new InvalidOperationException($"{this}: the export mode changes only while exports are closed");
        ExportMode = mode;
    }
    /// <summary>Most next hops in a merged route (`merge paths on limit N`; BIRD's default 16).</summary>
    public int MergeLimit { get; }
    /// <summary>`receive limit` or null.</summary>
    public RouteLimit? ReceiveLimit { get; }
    /// <summary>`import limit` or null.</summary>
    public RouteLimit? ImportLimit { get; }
    /// <summary>`export limit` or null.</summary>
    public RouteLimit? ExportLimit { get; }
    /// <summary>Counters.</summary>
    public ChannelStats Stats { get; } = new();
    /// <summary>True while routes may be imported (protocol up).</summary>
    public bool IsImportActive { get; internal set; }
    /// <summary>True while table changes are exported to the protocol.</summary>
    public bool IsExportActive { get; internal set; }

    private RoutingLoop Loop => Table.Loop;

    /// <summary>
    /// Announces a route (BIRD rte_update): runs the import filter, interns the attributes and updates
    /// the table. The route's identity is (attributes.Protocol, attributes.PathId). Ignored unless the protocol is up.
    /// </summary>
    public void Update(Prefix prefix, RouteAttributes attributes, int? preference = null) =>
        Import(prefix, attributes, preference ?? Preference, runFilter: true);

    /// <summary>Import path shared with pipes, which filter on the export side and skip the import filter here.</summary>
    internal void Import(Prefix prefix, RouteAttributes attributes, int pref, bool runFilter)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        CheckFamily(prefix);
        if (!IsImportActive) return;
        // A route belongs to its originating protocol; unattributed sets would collide across protocols.
        if (attributes.Protocol is null) attributes = attributes.WithOrigin(Protocol, attributes.Source, attributes.PathId);
        Stats.ImportUpdatesReceived++;
        var filtered = false;
        if (!runFilter)
        {
            // Filtered by the sender already.
        }
        else if (ReferenceEquals(ImportFilter, Filters.None))
            filtered = true;
        else if (!ReferenceEquals(ImportFilter, Filters.All))
        {
            var editor = Loop.Editor;
            editor.Load(prefix, attributes, pref);
            if (RunFilter(ImportFilter, editor) == FilterVerdict.Accept)
            {
                if (!Protocol.StoresTemporaryAttributes) editor.RevertTemporaryAttributes();
                attributes = editor.Result();
                pref = editor.Preference;
            }
            else filtered = true;
        }
        if (filtered)
        {
            RouteTrace.In(Protocol, ProtocolDebug.Filters, "filtered out", prefix, attributes);
            Stats.ImportUpdatesFiltered++;
            if (!ImportKeepFiltered)
            {
                // A filtered update replaces (withdraws) what this source announced before.
                Table.Recalculate(this, prefix, null, 0, false, attributes.Protocol, attributes.PathId);
                return;
            }
        }
        Table.Recalculate(this, prefix, Loop.Attributes.Intern(attributes), pref, filtered, attributes.Protocol, attributes.PathId);
    }

    /// <summary>Withdraws this protocol's route for <paramref name="prefix"/> (BIRD rte_update with NULL).</summary>
    public void Withdraw(Prefix prefix, uint pathId = 0) => Withdraw(prefix, Protocol, pathId);

    /// <summary>Withdraws the route of another originating protocol (pipes forward withdraws of transparent routes).</summary>
    public void Withdraw(Prefix prefix, Protocol? source, uint pathId)
    {
        CheckFamily(prefix);
        if (!IsImportActive) return;
        Stats.ImportWithdrawsReceived++;
        Table.Recalculate(this, prefix, null, 0, false, source ?? Protocol, pathId);
    }

    /// <summary>
    /// Marks every route this channel put in the table stale (BIRD rt_refresh_begin: graceful restart
    /// of the peer, or an enhanced route refresh); announcing a route again clears its mark.
    /// </summary>
    public void BeginRefresh() => Table.MarkStale(this);

    /// <summary>Withdraws the routes still marked stale since <see cref="BeginRefresh"/> (BIRD rt_refresh_end).</summary>
    public void EndRefresh() => Table.FlushStale(this);

    /// <summary>
    /// Replaces the routes still marked stale with <paramref name="modify"/>'s result, or withdraws them
    /// when it returns null (BIRD rt_modify_stale: BGP long-lived graceful restart tags them LLGR_STALE).
    /// </summary>
    public void ModifyStale(Func<RouteAttributes, RouteAttributes?> modify) => Table.ModifyStale(this, modify);

    /// <summary>
    /// Evaluates the export side for <paramref name="route"/> without counting or sending anything
    /// (`show route export P`); returns false when the protocol or the filter would reject it.
    /// </summary>
    /// <remarks>
    /// <paramref name="attributes"/> and <paramref name="preference"/> are the route as the export
    /// filter left it, also when it rejected it.
    /// </remarks>
    public bool WouldExport(Route route, out RouteAttributes attributes, out int preference) =>
        RunExport(route, silent: true, out attributes, out preference);

    /// <summary>
    /// True when the protocol's own checks refuse <paramref name="route"/> before any filter (BIRD's
    /// import_control &lt; 0): `show route export/noexport/preexport P` lists such a route in no mode.
    /// </summary>
    public bool RefusesExport(Route route) => Protocol.RunPrecheck(this, route) == ExportPrecheck.Reject;

    /// <summary>Re-sends every route to the protocol (`reload out`, or after the export filter changed).</summary>
    public void Refeed()
    {
        if (!IsExportActive) return;
        Stats.ExportedRoutes = 0;
        Feed(refeed: true);
    }

    /// <summary>
    /// `configure` with changed channel settings, as BIRD's soft reconfiguration: new filters and
    /// preference are applied in place (re-exporting when the export side changed, re-importing when
    /// the import side did). Returns false when the change needs a protocol restart instead (limits,
    /// keep filtered, or a protocol that cannot re-import). The daemon decides which filters changed.
    /// </summary>
    public bool Reconfigure(ChannelOptions options, bool importFilterChanged, bool exportFilterChanged)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ImportKeepFiltered != ImportKeepFiltered || options.ExportMode != ExportMode ||
            !SameLimit(ReceiveLimit, options.ReceiveLimit) || !SameLimit(ImportLimit, options.ImportLimit) || !SameLimit(ExportLimit, options.ExportLimit))
            return false;
        var preference = options.Preference ?? Protocol.DefaultPreference;
        var reimport = importFilterChanged || preference != Preference;
        if (reimport && IsImportActive && !Protocol.CanReloadImport) return false;
        ImportFilter = options.ImportFilter;
        ExportFilter = options.ExportFilter;
        Preference = preference;
        if (reimport && IsImportActive) Protocol.RunReloadImport();
        if (exportFilterChanged) Refeed();
        return true;
    }

    private static bool SameLimit(RouteLimit? current, RouteLimitOptions? wanted) =>
        current is null ? wanted is null : wanted is not null && wanted.Limit == current.Limit && wanted.Action == current.Action;

    /// <summary>Resets limits and change counters (protocol start).</summary>
    internal void ResetForStart()
    {
        Stats.ResetChangeCounters();
        Stats.ExportedRoutes = 0;
    }

    /// <summary>BIRD resets limits when the protocol connects to its table (going up), so a hit limit shows until then.</summary>
    internal void ResetLimits()
    {
        ReceiveLimit?.Reset();
        ImportLimit?.Reset();
        ExportLimit?.Reset();
    }

    internal void Feed(bool refeed)
    {
        ForgetPreparedExports();
        foreach (var net in Table.NetsSnapshot())
        {
            if (ExportMode == ExportMode.Merged)
            {
                if (net.Best is { } best) NotifyMerged(net, null, null, best, refeed ? best : null, refeed);
                continue;
            }
            if (ExportMode == ExportMode.Optimal)
            {
                if (net.Best is { } best) Notify(net.Prefix, best, refeed ? best : null, refeed);
                continue;
            }
            foreach (var route in net.Routes.ToList())
                if (!route.IsFiltered) Notify(net.Prefix, route, refeed ? route : null, refeed);
        }
    }

    /// <summary>BIRD rt_notify_basic + do_rt_notify: export filter, export limit, counters, then the protocol hook.</summary>
    internal void Notify(in Prefix prefix, Route? newRoute, Route? oldRoute, bool refeed)
    {
        if (newRoute is not null) Stats.ExportUpdatesReceived++;
        else Stats.ExportWithdrawsReceived++;

        RouteAttributes? newAttributes = null;
        var newPreference = 0;
        if (newRoute is { } route && RunExport(route, silent: false, out var attrs, out var pref))
        {
            newAttributes = attrs;
            newPreference = pref;
        }
        // On refeed the old route is taken as exported without asking the (possibly new) filter, as BIRD
        // does: a route the new filter rejects is withdrawn, at the risk of a spurious withdraw.
        var oldExported = oldRoute is { } old && (refeed || PassesExport(old));

        if (newAttributes is null && !oldExported)
        {
            // Pipes propagate unfiltered withdraws so flushed routes leave every table.
            if (Protocol.PassesUnfilteredWithdraws && newRoute is null && oldRoute is { } gone && !ReferenceEquals(gone.Sender.Protocol, Protocol))
                Protocol.DeliverExport(this, new RouteExport(prefix, null, null, 0, oldRoute, refeed));
            return;
        }

        Deliver(prefix, newRoute, newAttributes, newPreference, oldRoute, oldExported, refeed);
    }

    /// <summary>BIRD do_rt_notify: export limit, counters, then the protocol hook.</summary>
    private void Deliver(in Prefix prefix, Route? newRoute, RouteAttributes? newAttributes, int newPreference, Route? oldRoute, bool oldExported, bool refeed)
    {
        if (ExportLimit is { } limit && newAttributes is not null)
        {
            if ((!oldExported || refeed) && Stats.ExportedRoutes >= limit.Limit)
                NotifyLimit(limit, Stats.ExportedRoutes);
            if (limit.State == LimitState.Blocked)
            {
                Stats.ExportedRoutes++;     // counted anyway, as BIRD does, to keep increments and decrements paired
                Stats.ExportUpdatesRejected++;
                newAttributes = null;
                newRoute = null;
                if (!oldExported) return;
            }
        }

        if (newAttributes is not null) Stats.ExportUpdatesAccepted++;
        else Stats.ExportWithdrawsAccepted++;
        if ((Protocol.Debug & ProtocolDebug.Routes) != 0)
        {
            if (newAttributes is not null) RouteTrace.Out(Protocol, ProtocolDebug.Routes, oldExported ? "replaced" : "added", prefix, newAttributes);
            else if (oldRoute is { } old) RouteTrace.Out(Protocol, ProtocolDebug.Routes, "removed", prefix, old.Attributes);
        }
        if (newAttributes is not null) Stats.ExportedRoutes++;
        if (oldExported && !refeed) Stats.ExportedRoutes--;

        Protocol.DeliverExport(this, new RouteExport(prefix, newAttributes is null ? null : newRoute, newAttributes, newPreference,
            oldExported ? oldRoute : null, refeed));
    }

    private bool RunExport(Route route, bool silent, out RouteAttributes attributes, out int preference) =>
        RunExport(route, silent, wantResult: true, out attributes, out preference);

    /// <summary>
    /// Whether <paramref name="route"/> passes the export side, checked silently: an old route being
    /// replaced or withdrawn. Nothing is built from the filter's result (a withdrawal burst would
    /// otherwise make, and drop, one attribute set per route).
    /// </summary>
    private bool PassesExport(Route route) => RunExport(route, silent: true, wantResult: false, out _, out _);

    private bool RunExport(Route route, bool silent, bool wantResult, out RouteAttributes attributes, out int preference)
    {
        attributes = route.Attributes;
        preference = route.Preference;
        switch (Protocol.RunPrecheck(this, route))
        {
            case ExportPrecheck.Reject:
                if (silent) return false;
                Stats.ExportUpdatesRejected++;
                RouteTrace.Out(Protocol, ProtocolDebug.Filters, "rejected by protocol", route);
                return false;
            case ExportPrecheck.Accept:
                if (!silent) RouteTrace.Out(Protocol, ProtocolDebug.Filters, "forced accept by protocol", route);
                return true;
        }
        var prepares = Protocol.RunsPrepareExport;
        var all = ReferenceEquals(ExportFilter, Filters.All);
        var none = ReferenceEquals(ExportFilter, Filters.None);
        if (all && !prepares) return true;
        if (all && !silent && TryPreparedExport(route, out attributes)) return true;
        // What the protocol prepares cannot reject a route: `all` passes it whatever that is.
        if (all && !wantResult) return true;
        if (!none || (prepares && silent))
        {
            var editor = Loop.Editor;
            editor.Load(route.Prefix, route.Attributes, route.Preference, route.Sender);
            editor.Quiet = silent;
            // BGP's outgoing attributes exist before the filter runs, as in BIRD (bgp_import_control).
            if (prepares) Protocol.RunPrepareExport(this, route, editor);
            var accepted = all || (!none && RunFilter(ExportFilter, editor) == FilterVerdict.Accept);
            // A check also reports what a rejecting filter made of the route: BIRD's `show route
            // noexport` lists it that way.
            if (wantResult && (accepted || silent))
            {
                attributes = editor.Result(accepted ? Loop.Attributes : null);
                preference = editor.Preference;
                if (all && !silent) RememberPreparedExport(route, attributes);
            }
            if (accepted) return true;
        }
        if (silent) return false;
        Stats.ExportUpdatesFiltered++;
        RouteTrace.Out(Protocol, ProtocolDebug.Filters, "filtered out", route);
        return false;
    }

    /// <summary>Runs a filter; an exception is a runtime error: logged, and the route rejected (as BIRD's F_ERROR).</summary>
    internal FilterVerdict RunFilter(IRouteFilter filter, RouteEditor editor)
    {
        try
        {
            return filter.Run(editor);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Loop.Error($"Filter {filter.DisplayName} failed on {editor.Net}: {e.Message}");
            return FilterVerdict.Error;
        }
    }

    /// <summary>BIRD proto_notify_limit: log, change the limit state, schedule restart/disable.</summary>
    internal void NotifyLimit(RouteLimit limit, long count)
    {
        if (limit.State == LimitState.Blocked) return;
        if (limit.State == LimitState.Initial || (limit.Action == LimitAction.Warn && count == limit.Limit))
            Loop.Warn($"Protocol {Protocol.Name} hits route {limit.DirectionName} limit ({limit.Limit}), action: {limit.ActionName}");
        switch (limit.Action)
        {
            case LimitAction.Warn:
                limit.State = LimitState.Active;
                break;
            case LimitAction.Block:
                limit.State = LimitState.Blocked;
                break;
            default:
                limit.State = LimitState.Blocked;
                if (Protocol.State == ProtocolState.Up)
                {
                    var code = limit.Direction switch
                    {
                        LimitDirection.Receive => ProtocolDownCode.ReceiveLimitHit,
                        LimitDirection.Import => ProtocolDownCode.ImportLimitHit,
                        _ => ProtocolDownCode.ExportLimitHit,
                    };
                    var restart = limit.Action == LimitAction.Restart;
                    Loop.Post(() => Protocol.ShutdownForLimit(restart, code));
                }
                break;
        }
    }

    private void CheckFamily(Prefix prefix)
    {
        if (prefix.IsV6 != (Table.Family == TableFamily.Ipv6))
            throw new ArgumentException($"{prefix} does not belong in table {Table.Name}", nameof(prefix));
    }

    public override string ToString() => $"{Protocol.Name}.{Name} -> {Table.Name}";
}
