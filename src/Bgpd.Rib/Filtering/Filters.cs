namespace Bgpd.Rib.Filtering;

/// <summary>The two built-in filters, BIRD's FILTER_ACCEPT (`all`) and FILTER_REJECT (`none`).</summary>
public static class Filters
{
    /// <summary>Accepts every route unchanged; prints as "ACCEPT".</summary>
    public static IRouteFilter All { get; } = new Constant("ACCEPT", FilterVerdict.Accept);

    /// <summary>Rejects every route; prints as "REJECT".</summary>
    public static IRouteFilter None { get; } = new Constant("REJECT", FilterVerdict.Reject);

    /// <summary>A filter from a delegate (tests, per-route static attribute commands, simple daemon rules).</summary>
    public static IRouteFilter FromDelegate(string displayName, Func<RouteEditor, FilterVerdict> run) => new Lambda(displayName, run);

    private sealed class Constant(string name, FilterVerdict verdict) : IRouteFilter
    {
        public string DisplayName => name;
        public FilterVerdict Run(RouteEditor route) => verdict;
        public override string ToString() => name;
    }

    private sealed class Lambda(string name, Func<RouteEditor, FilterVerdict> run) : IRouteFilter
    {
        public string DisplayName => name;
        public FilterVerdict Run(RouteEditor route) => run(route);
        public override string ToString() => name;
    }
}
