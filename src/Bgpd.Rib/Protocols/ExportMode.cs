namespace Bgpd.Rib.Protocols;

/// <summary>Which table changes a channel's export side receives (BIRD 1.6 accept_ra_types).</summary>
public enum ExportMode : byte
{
    /// <summary>RA_OPTIMAL: only changes of the best route of each network.</summary>
    Optimal,
    /// <summary>RA_ANY: every route change (transparent pipes, ADD-PATH later).</summary>
    Any,
    /// <summary>RA_MERGED: the best route with the next hops of equally good routes merged in (kernel `merge paths on`).</summary>
    Merged,
}

/// <summary>A protocol's verdict before the export filter runs (BIRD's import_control hook).</summary>
public enum ExportPrecheck : byte
{
    /// <summary>Run the export filter as usual.</summary>
    Continue,
    /// <summary>Reject without running the filter (counted as export rejected).</summary>
    Reject,
    /// <summary>Accept without running the filter.</summary>
    Accept,
}

/// <summary>Direction of a `reload` command.</summary>
public enum ReloadDirection : byte
{
    /// <summary>`reload P`: both directions.</summary>
    Both,
    /// <summary>`reload in P`: re-import routes.</summary>
    In,
    /// <summary>`reload out P`: re-export routes.</summary>
    Out,
}
