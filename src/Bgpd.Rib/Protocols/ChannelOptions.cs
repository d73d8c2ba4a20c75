using Bgpd.Rib.Filtering;

namespace Bgpd.Rib.Protocols;

/// <summary>
/// Settings of one channel, mapped by the daemon from the config (1.6 protocol-level `import`,
/// `export`, `preference`, limits; 2.x `ipv4 { ... }` blocks). Defaults are BIRD's.
/// </summary>
public sealed record ChannelOptions
{
    /// <summary>Channel name ("ipv4", "ipv6"; 1.6 protocols have one unnamed channel: null uses the table family).</summary>
    public string? Name { get; init; }
    /// <summary>Import filter; BIRD's default `import all`.</summary>
    public IRouteFilter ImportFilter { get; init; } = Filters.All;
    /// <summary>Export filter; BIRD's default `export none`.</summary>
    public IRouteFilter ExportFilter { get; init; } = Filters.None;
    /// <summary>Preference of imported routes; null takes the protocol's default (static 200, bgp 100, ...).</summary>
    public int? Preference { get; init; }
    /// <summary>`receive limit`.</summary>
    public RouteLimitOptions? ReceiveLimit { get; init; }
    /// <summary>`import limit`.</summary>
    public RouteLimitOptions? ImportLimit { get; init; }
    /// <summary>`export limit`.</summary>
    public RouteLimitOptions? ExportLimit { get; init; }
    /// <summary>`import keep filtered`: keep rejected routes, marked filtered.</summary>
    public bool ImportKeepFiltered { get; init; }
    /// <summary>Which changes the export side receives; Merged for the kernel's `merge paths on`.</summary>
    public ExportMode ExportMode { get; init; } = ExportMode.Optimal;
    /// <summary>`merge paths on limit N`: most next hops of a merged route (BIRD's KRT_DEFAULT_ECMP_LIMIT 16).</summary>
    public int MergeLimit { get; init; } = 16;
}
