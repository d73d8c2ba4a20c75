using Bgpd.Config.Filters;
using Bgpd.Config.Model;
using Bgpd.Rib.Filtering;

namespace Bgpd.Runtime;

/// <summary>
/// Turns the config's filter references into RIB filters. <c>all</c> and <c>none</c> are built in;
/// named, inline and <c>where</c> filters go through the filter compiler.
/// </summary>
public static class FilterFactory
{
    public static IRouteFilter Create(FilterRef reference, BirdConfig config) => reference switch
    {
        FilterAll => Filters.All,
        FilterNone => Filters.None,
        _ => FilterCompilation.Compile(reference, config),
    };
}
