using Bgpd.Config.Filters;

namespace Bgpd.Config.Model;

/// <summary>
/// Ties a protocol to one table: filters, preference, limits. In 2.x these come from a channel
/// block (<c>ipv4 { ... };</c>, <see cref="Explicit"/> true); in 1.6 every protocol has exactly one
/// implicit channel built from its protocol-level items (<c>import</c>, <c>export</c>, <c>table</c>...).
/// </summary>
public sealed record ChannelConfig
{
    public required NetType Type { get; init; }
    /// <summary>Table name (1.6 default <c>master</c>, 2.x <c>master4</c>/<c>master6</c>).</summary>
    public required string Table { get; init; }
    public required int Preference { get; init; }
    public required FilterRef Import { get; init; }
    public required FilterRef Export { get; init; }
    public RouteLimit? ReceiveLimit { get; init; }
    public RouteLimit? ImportLimit { get; init; }
    public RouteLimit? ExportLimit { get; init; }
    public bool ImportKeepFiltered { get; init; }
    /// <summary>True for 2.x channel blocks, false for 1.6's implicit channel.</summary>
    public bool Explicit { get; init; }
    /// <summary>Per-channel debug (2.x); null means inherit the protocol's.</summary>
    public DebugFlags? Debug { get; init; }
}
