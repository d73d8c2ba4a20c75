namespace Bgpd.Rib.Protocols;

/// <summary>A configured route limit: `import limit 1000 action block;`. BIRD's default action is disable.</summary>
public sealed record RouteLimitOptions(int Limit, LimitAction Action = LimitAction.Disable);
