namespace Bgpd.Rib.Protocols;

/// <summary>What a route limit does when hit (BIRD's PLA_*); printed in lower case.</summary>
public enum LimitAction : byte
{
    /// <summary>Log a warning, keep going.</summary>
    Warn,
    /// <summary>Drop further routes beyond the limit.</summary>
    Block,
    /// <summary>Restart the protocol.</summary>
    Restart,
    /// <summary>Disable the protocol (BIRD's default).</summary>
    Disable,
}

/// <summary>Limit state (BIRD's PLS_*).</summary>
public enum LimitState : byte
{
    /// <summary>Under the limit.</summary>
    Initial,
    /// <summary>Hit with action warn.</summary>
    Active,
    /// <summary>Hit with action block/restart/disable: no more routes pass.</summary>
    Blocked,
}

/// <summary>Which limit (BIRD's PLD_*).</summary>
public enum LimitDirection : byte
{
    /// <summary>`receive limit`: all routes received, filtered ones included.</summary>
    Receive,
    /// <summary>`import limit`: routes accepted by the import filter.</summary>
    Import,
    /// <summary>`export limit`: routes exported.</summary>
    Export,
}
