using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.Protocols;

/// <summary>
/// One change delivered to a protocol's export side (BIRD's rt_notify arguments): the new route
/// with the attributes and preference after the export filter, and the previously exported route.
/// New null = withdraw; Old null = first announcement.
/// </summary>
public readonly record struct RouteExport(
    Prefix Prefix,
    Route? New,
    RouteAttributes? NewAttributes,
    int NewPreference,
    Route? Old,
    bool Refeed);
