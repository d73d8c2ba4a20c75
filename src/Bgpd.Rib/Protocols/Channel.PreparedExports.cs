using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.Protocols;

public sealed partial class Channel
{
    // A protocol that prepares outgoing attributes (BGP) makes the same ones for every route sharing an
    // attribute set as long as nothing else looks at the route: with the export filter `all`, one
    // preparation per set serves a whole burst (a million reflected routes share a handful of sets).
    // Kept for one routing-loop work item only, so a session or interface change in a later item is
    // always seen.
    private readonly Dictionary<RouteAttributes, RouteAttributes> _preparedExports = new(ReferenceEqualityComparer.Instance);
    private long _preparedWorkItem = -1;

    /// <summary>A feed starts from scratch (the session may have come up within the same work item).</summary>
    private void ForgetPreparedExports() => _preparedWorkItem = -1;

    private bool TryPreparedExport(Route route, out RouteAttributes attributes)
    {
        var item = Loop.CurrentWorkItem;
        if (item < 0 || item != _preparedWorkItem)
        {
            attributes = route.Attributes;
            return false;
        }
        return _preparedExports.TryGetValue(route.Attributes, out attributes!);
    }

    private void RememberPreparedExport(Route route, RouteAttributes prepared)
    {
        var item = Loop.CurrentWorkItem;
        if (item < 0) return;
        if (item != _preparedWorkItem)
        {
            _preparedExports.Clear();
            _preparedWorkItem = item;
        }
        _preparedExports[route.Attributes] = prepared;
    }
}
