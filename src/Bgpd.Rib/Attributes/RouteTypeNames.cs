namespace Bgpd.Rib.Attributes;

/// <summary>The words BIRD prints for route sources, casts, scopes and destinations.</summary>
public static class RouteTypeNames
{
    private static readonly string[] SourceNames =
        ["dummy", "static", "inherit", "device", "static-device", "redirect", "RIP", "OSPF", "OSPF-IA", "OSPF-E1", "OSPF-E2", "BGP", "pipe", "Babel"];
    private static readonly string[] CastNames = ["unicast", "broadcast", "multicast", "anycast"];
    private static readonly string[] ScopeNames = ["host", "link", "site", "org", "univ", "undef"];

    /// <summary>rta_show's source word: "static", "inherit", "device", "BGP", ...</summary>
    public static string Name(this RouteSource source) =>
        (int)source < SourceNames.Length ? SourceNames[(int)source] : "?";

    /// <summary>rta_show's cast word: "unicast", ...</summary>
    public static string Name(this RouteCast cast) => (int)cast < CastNames.Length ? CastNames[(int)cast] : "?";

    /// <summary>ip_scope_text: "host", "link", "site", "org", "univ", "undef".</summary>
    public static string Name(this RouteScope scope) => (int)scope < ScopeNames.Length ? ScopeNames[(int)scope] : "?";

    /// <summary>1.6 `show route` text for destinations without a next hop ("blackhole", "unreachable", "prohibited"), else null.</summary>
    public static string? RejectName(this RouteDest dest) => dest switch
    {
        RouteDest.Blackhole => "blackhole",
        RouteDest.Unreachable => "unreachable",
        RouteDest.Prohibit => "prohibited",
        _ => null,
    };

    /// <summary>The `Type:` line body of `show route all` in 1.6: "static unicast univ".</summary>
    public static string TypeLine16(RouteSource source, RouteCast cast, RouteScope scope) =>
        $"{source.Name()} {cast.Name()} {scope.Name()}";
}
