namespace Bgpd.Config.Model;

/// <summary>What a route limit does when hit (1.6 default: disable).</summary>
public enum LimitAction { Warn, Block, Restart, Disable }

/// <summary><c>receive|import|export limit N [action A]</c>.</summary>
public sealed record RouteLimit(long Count, LimitAction Action);
