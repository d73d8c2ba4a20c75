namespace Bgpd.Rib.Filtering;

/// <summary>Outcome of running a filter on a route (BIRD's F_ACCEPT / F_REJECT / F_ERROR).</summary>
public enum FilterVerdict : byte
{
    /// <summary>The route passes (possibly modified).</summary>
    Accept,
    /// <summary>The route is rejected.</summary>
    Reject,
    /// <summary>Runtime error in the filter: treated as reject, as BIRD does.</summary>
    Error,
}
