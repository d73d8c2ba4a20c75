using Bgpd.Rib.Filtering;

namespace Bgpd.Filters.Rib;

/// <summary>A compiled filter as the RIB's channels run it (<see cref="IRouteFilter"/>).</summary>
public sealed class RibFilter(CompiledFilter filter) : IRouteFilter
{
    public CompiledFilter Filter { get; } = filter;

    public string DisplayName => Filter.DisplayName;

    public FilterVerdict Run(RouteEditor route)
    {
        if (Filter.IsConstant)
            return Filter.Run(null!) == FilterResult.Accept ? FilterVerdict.Accept : FilterVerdict.Reject;
        // One view per editor, made once and kept on it (editors are reused for every route).
        if (route.FilterView is not RouteEditorRoute v) route.FilterView = v = new RouteEditorRoute { Editor = route };
        return Filter.Run(v, route.Quiet) switch
        {
            FilterResult.Accept => FilterVerdict.Accept,
            FilterResult.Reject => FilterVerdict.Reject,
            _ => FilterVerdict.Error,
        };
    }

    public override string ToString() => DisplayName;
}

/// <summary>Helpers to hand compiled filters to the RIB.</summary>
public static class RibFilters
{
    /// <summary>The RIB form of a compiled filter; <c>all</c>/<c>none</c> map to the RIB's own constants.</summary>
    public static IRouteFilter ToRib(this CompiledFilter filter) =>
        ReferenceEquals(filter, CompiledFilter.AcceptAll) ? global::Bgpd.Rib.Filtering.Filters.All
        : ReferenceEquals(filter, CompiledFilter.RejectAll) ? global::Bgpd.Rib.Filtering.Filters.None
        : new RibFilter(filter);
}
