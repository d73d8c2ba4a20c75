namespace Bgpd.Rib;

/// <summary>Severity of a message the RIB logs (mapped onto Microsoft.Extensions.Logging by the daemon).</summary>
public enum RibLogLevel : byte
{
    /// <summary>Route-level tracing (BIRD `debug` routes/filters).</summary>
    Trace,
    /// <summary>Informational (state changes).</summary>
    Info,
    /// <summary>BIRD L_WARN: limits hit.</summary>
    Warning,
    /// <summary>BIRD L_ERR: pipe loops and collisions, failed work items.</summary>
    Error,
    /// <summary>BIRD L_REMOTE (`<RMT>`, the `remote` log class): protocol errors sent to or received from a peer.</summary>
    Remote,
}
