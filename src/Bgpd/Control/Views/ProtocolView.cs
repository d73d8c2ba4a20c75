namespace Bgpd.Control.Views;

/// <summary>BIRD 1.6's route-change counters of one protocol (the <c>Route change stats</c> block).</summary>
public sealed record RouteChangeStats(
    long ImportUpdatesReceived, long ImportUpdatesRejected, long ImportUpdatesFiltered, long ImportUpdatesIgnored, long ImportUpdatesAccepted,
    long ImportWithdrawsReceived, long ImportWithdrawsRejected, long ImportWithdrawsIgnored, long ImportWithdrawsAccepted,
    long ExportUpdatesReceived, long ExportUpdatesRejected, long ExportUpdatesFiltered, long ExportUpdatesAccepted,
    long ExportWithdrawsReceived, long ExportWithdrawsAccepted)
{
    public static readonly RouteChangeStats Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>Route counts of a protocol's channel (<c>Routes: N imported, [N filtered, ]N exported[, N preferred]</c>).</summary>
public sealed record RouteCounts(long Imported, long Filtered, long Exported, long Preferred, bool ShowFiltered, bool ShowPreferred);

/// <summary>Everything <c>show protocols [all]</c> prints about one protocol.</summary>
public sealed record ProtocolView
{
    public required string Name { get; init; }
    /// <summary>BIRD's protocol class name as printed: Kernel, Device, Direct, Static, Pipe, BGP.</summary>
    public required string ClassName { get; init; }
    public required string TableName { get; init; }
    /// <summary>down, start, up, wait, feed, stop, flush.</summary>
    public required string State { get; init; }
    public required DateTimeOffset Since { get; init; }
    public string Info { get; init; } = "";
    public string? Description { get; init; }
    public string? Message { get; init; }
    public int Preference { get; init; }
    public string InputFilter { get; init; } = "ACCEPT";
    public string OutputFilter { get; init; } = "REJECT";
    /// <summary>Graceful-restart recovery state while active: <c>pending</c> or <c>waiting</c>.</summary>
    public string? GrRecovery { get; init; }
    public RouteCounts? Routes { get; init; }
    public RouteChangeStats Stats { get; init; } = RouteChangeStats.Zero;
    /// <summary>Protocol-specific lines after the generic block (BGP's state block), code 1006.</summary>
    public IReadOnlyList<string> ExtraLines { get; init; } = [];
    /// <summary>When set, the complete <c>show protocols all</c> block as the protocol formats it (replaces the generic one).</summary>
    public IReadOnlyList<string>? DetailLines { get; init; }
    public bool IsDown => State == "down";
}
