using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.Pipe;

/// <summary>
/// BIRD's pipe: forwards routes between a table and a peer table. Filtering happens on the
/// sending side (export filter: table -> peer; import filter: peer -> table), the receiving
/// side takes routes as they are. Routes a pipe put into a table are never sent back through it,
/// and a route reaching a table that is itself forwarding is dropped as a pipe loop.
/// </summary>
public sealed class PipeProtocol : Protocol
{
    /// <summary>Creates a pipe between <paramref name="table"/> and <paramref name="peerTable"/>.</summary>
    public PipeProtocol(string name, RoutingLoop loop, RoutingTable table, RoutingTable peerTable, PipeOptions options)
        : base(name, loop)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(peerTable);
        if (ReferenceEquals(table, peerTable)) throw new ArgumentException("a pipe needs two different tables", nameof(peerTable));
        if (table.Family != peerTable.Family) throw new ArgumentException("a pipe connects tables of one address family", nameof(peerTable));
        Mode = options.Mode;
        var mode = Mode == PipeMode.Transparent ? ExportMode.Any : ExportMode.Optimal;
        var c = options.Channel;
        // The primary channel shows the configured filters; the peer channel carries them reversed.
        Primary = AddChannel(table, PrimaryOptions(c, mode));
        Peer = AddChannel(peerTable, PeerOptions(c, mode));
    }

    private static ChannelOptions PrimaryOptions(ChannelOptions c, ExportMode mode) =>
        c with { ExportMode = mode, ReceiveLimit = null, ExportLimit = null };

    private static ChannelOptions PeerOptions(ChannelOptions c, ExportMode mode) => c with
    {
        ImportFilter = c.ExportFilter,
        ExportFilter = c.ImportFilter,
        ImportLimit = c.ExportLimit,
        ReceiveLimit = null,
        ExportLimit = null,
        ExportMode = mode,
    };

    /// <summary>
    /// `configure` with changed pipe settings: new filters take effect by re-sending routes in the
    /// affected direction. Returns false when a restart is needed (mode or limits changed).
    /// </summary>
    public bool Reconfigure(PipeOptions options, bool importFilterChanged, bool exportFilterChanged)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mode != Mode) return false;
        var mode = Mode == PipeMode.Transparent ? ExportMode.Any : ExportMode.Optimal;
        // Import filter = what the peer side exports, export filter = what the primary side exports.
        return Primary.Reconfigure(PrimaryOptions(options.Channel, mode), importFilterChanged: false, exportFilterChanged) &&
               Peer.Reconfigure(PeerOptions(options.Channel, mode), importFilterChanged: false, importFilterChanged);
    }

    /// <inheritdoc />
    public override string ClassName => "Pipe";
    /// <inheritdoc />
    public override int DefaultPreference => 70;
    /// <summary>Transparent or opaque.</summary>
    public PipeMode Mode { get; }
    /// <summary>Channel on the primary table (`table`); its export side feeds the peer table.</summary>
    public Channel Primary { get; }
    /// <summary>Channel on the peer table (`peer table`); its export side feeds the primary table.</summary>
    public Channel Peer { get; }
    /// <summary>The peer table.</summary>
    public RoutingTable PeerTable => Peer.Table;
    /// <summary>1.6 info column: "=> aux".</summary>
    public override string Info => $"=> {PeerTable.Name}";

    /// <inheritdoc />
    protected override bool WantsUnfilteredWithdraws => true;

    /// <summary>Never send a route back through the pipe that brought it (BIRD pipe_import_control).</summary>
    protected override ExportPrecheck PrecheckExport(Channel channel, Route route) =>
        ReferenceEquals(route.Sender.Protocol, this) ? ExportPrecheck.Reject : ExportPrecheck.Continue;

    /// <inheritdoc />
    public override bool CanReloadImport => true;

    /// <inheritdoc />
    protected override bool ReloadImport()
    {
        // Re-import means: the other side re-exports to us.
        Peer.Refeed();
        return true;
    }

    /// <inheritdoc />
    protected override void OnExport(Channel channel, in RouteExport change)
    {
        var source = channel.Table;
        var target = ReferenceEquals(channel, Primary) ? Peer : Primary;
        if (target.Table.PipeBusy)
        {
            Loop.Error($"Pipe loop detected when sending {change.Prefix} to table {target.Table.Name}");
            return;
        }
        source.PipeBusy = true;
        try
        {
            if (change.New is not null && change.NewAttributes is { } attributes)
            {
                var preference = change.NewPreference;
                if (Mode == PipeMode.Opaque)
                {
                    attributes = attributes.WithOrigin(this, RouteSource.Pipe);
                    preference = target.Preference;
                }
                target.Import(change.Prefix, attributes, preference, runFilter: false);
            }
            else if (change.Old is { } old)
            {
                if (Mode == PipeMode.Opaque) target.Withdraw(change.Prefix, this, 0);
                else target.Withdraw(change.Prefix, old.Attributes.Protocol, old.Attributes.PathId);
            }
        }
        finally
        {
            source.PipeBusy = false;
        }
    }

    /// <summary>
    /// 1.6 pipe_show_stats: "exported" is table -> peer, "imported" is peer -> table; each row joins
    /// the sending channel's export counters with the receiving channel's import counters.
    /// </summary>
    public override void AppendRouteStatistics(IList<string> lines)
    {
        if (State == ProtocolState.Down) return;
        var s1 = Primary.Stats;
        var s2 = Peer.Stats;
        lines.Add($"  Routes:         {s1.ImportedRoutes} imported, {s2.ImportedRoutes} exported");
        ProtocolStatsFormatter.AppendChangeTable(lines,
            [s2.ExportUpdatesReceived, s2.ExportUpdatesRejected + s1.ImportUpdatesInvalid, s2.ExportUpdatesFiltered, s1.ImportUpdatesIgnored, s1.ImportUpdatesAccepted],
            [s2.ExportWithdrawsReceived, s1.ImportWithdrawsInvalid, null, s1.ImportWithdrawsIgnored, s1.ImportWithdrawsAccepted],
            [s1.ExportUpdatesReceived, s1.ExportUpdatesRejected + s2.ImportUpdatesInvalid, s1.ExportUpdatesFiltered, s2.ImportUpdatesIgnored, s2.ImportUpdatesAccepted],
            [s1.ExportWithdrawsReceived, s2.ImportWithdrawsInvalid, null, s2.ImportWithdrawsIgnored, s2.ImportWithdrawsAccepted]);
    }

    /// <summary>The pipe's filters as `show protocols all` names them.</summary>
    public (IRouteFilter Import, IRouteFilter Export) ConfiguredFilters => (Primary.ImportFilter, Primary.ExportFilter);
}
