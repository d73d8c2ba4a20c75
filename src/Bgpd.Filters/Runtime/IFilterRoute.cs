using Bgpd.Filters.Values;

namespace Bgpd.Filters.Runtime;

/// <summary>
/// The route a filter runs on, as the filter engine sees it. The daemon adapts the RIB's mutable
/// route view to this; tests use <see cref="TestRoute"/>. Reads return <see cref="Value.Void"/>
/// for a missing extended attribute.
/// </summary>
public interface IFilterRoute
{
    Value Get(RouteAttribute attribute, string? customName = null);
    void Set(RouteAttribute attribute, in Value value, string? customName = null);
    void Unset(RouteAttribute attribute, string? customName = null);
}
