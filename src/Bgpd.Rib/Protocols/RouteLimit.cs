namespace Bgpd.Rib.Protocols;

/// <summary>A route limit of a channel with its run-time state (BIRD's proto_limit).</summary>
public sealed class RouteLimit
{
    /// <summary>Creates a limit in its initial state.</summary>
    public RouteLimit(LimitDirection direction, RouteLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Limit < 0) throw new ArgumentOutOfRangeException(nameof(options), "route limit must not be negative");
        Direction = direction;
        Limit = options.Limit;
        Action = options.Action;
    }

    /// <summary>Which count it limits.</summary>
    public LimitDirection Direction { get; }
    /// <summary>Maximum number of routes.</summary>
    public int Limit { get; }
    /// <summary>What happens when it is hit.</summary>
    public LimitAction Action { get; }
    /// <summary>Current state; not Initial means `show protocols all` prints " [HIT]".</summary>
    public LimitState State { get; internal set; }
    /// <summary>True once hit since the last reset.</summary>
    public bool IsHit => State != LimitState.Initial;

    /// <summary>BIRD's name of the action: "warn", "block", "restart", "disable".</summary>
    public string ActionName => Action switch
    {
        LimitAction.Warn => "warn",
        LimitAction.Block => "block",
        LimitAction.Restart => "restart",
        _ => "disable",
    };

    /// <summary>BIRD's direction word as in the log message: "receive", "import", "export".</summary>
    public string DirectionName => Direction switch
    {
        LimitDirection.Receive => "receive",
        LimitDirection.Import => "import",
        _ => "export",
    };

    /// <summary>Back to the initial state (protocol restart).</summary>
    public void Reset() => State = LimitState.Initial;
}
