using Bgpd.Config;
using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Rib.Filtering;

namespace Bgpd.Runtime;

/// <summary>
/// The bridge to the filter compiler for named, inline and <c>where</c> filters. Until the filter
/// engine is wired in, such filters are refused with a clear error instead of acting as <c>all</c>.
/// </summary>
public static class FilterCompilation
{
    const string Missing = "is not supported by this bgpd build yet (the filter engine is not wired in)";

    public static IRouteFilter Compile(FilterRef reference, BirdConfig config) => reference switch
    {
        FilterNamed named => throw new UnsupportedFeatureException(named.Pos, $"filter {named.Name} {Missing}"),
        _ => throw new UnsupportedFeatureException(reference.Pos, $"an inline or where filter {Missing}"),
    };

    public static IRouteFilter CompileBlock(BlockStmt block, SourcePos pos, BirdConfig config) =>
        throw new UnsupportedFeatureException(pos, $"a static route attribute block {Missing}");

    /// <summary><c>show route where ...</c> / <c>filter { ... }</c> typed on the control socket.</summary>
    public static IRouteFilter CompileCliFilter(string? where, string? inline, BirdConfig config) =>
        throw new UnsupportedFeatureException(SourcePos.None, $"a filter in a command {Missing}");
}
