namespace Bgpd.Rib.Filtering;

/// <summary>A route filter: the compiled form of a BIRD filter, `all`, `none` or a `where` expression.</summary>
public interface IRouteFilter
{
    /// <summary>What `show protocols all` prints: "ACCEPT", "REJECT", the filter's name, or "(unnamed)".</summary>
    string DisplayName { get; }

    /// <summary>Runs on <paramref name="route"/>, which it may read and modify; called on the routing loop only.</summary>
    FilterVerdict Run(RouteEditor route);
}
