using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.Protocols;

/// <summary>
/// BIRD 1.6's route trace lines (<c>debug { routes, filters }</c>): <c>s1 &gt; added [best] 10.1.0.0/16 blackhole</c>
/// for routes a protocol puts into its table, <c>b1 &lt; removed 10.1.0.0/16 via 10.0.0.2 on eth0</c> for
/// routes the table sends to it. Only built when the protocol's debug switch is on.
/// </summary>
internal static class RouteTrace
{
    public static void In(Protocol protocol, ProtocolDebug flag, string message, Prefix net, RouteAttributes attributes)
    {
        if ((protocol.Debug & flag) != 0) Log(protocol, '>', message, net, attributes);
    }

    public static void Out(Protocol protocol, ProtocolDebug flag, string message, Prefix net, RouteAttributes attributes)
    {
        if ((protocol.Debug & flag) != 0) Log(protocol, '<', message, net, attributes);
    }

    /// <summary>A route the table sends (its prefix is only worked out when the switch is on).</summary>
    public static void Out(Protocol protocol, ProtocolDebug flag, string message, Route route)
    {
        if ((protocol.Debug & flag) != 0) Log(protocol, '<', message, route.Prefix, route.Attributes);
    }

    /// <summary>rte_recalculate's words: the new route is "added [best]" or "added"; a route that left is "removed [sole]", "removed [replaced]" (it was best) or "removed".</summary>
    public static void Recalculated(Network net, Route? created, Route? old, Route? oldBest)
    {
        if (created is { } added)
        {
            if ((added.Sender.Protocol.Debug & ProtocolDebug.Routes) == 0) return;
            In(added.Sender.Protocol, ProtocolDebug.Routes, net.Best == added ? "added [best]" : "added", net.Prefix, added.Attributes);
            return;
        }
        if (old is not { } gone || (gone.Sender.Protocol.Debug & ProtocolDebug.Routes) == 0) return;
        var message = gone != oldBest ? "removed" : net.First is null ? "removed [sole]" : "removed [replaced]";
        In(gone.Sender.Protocol, ProtocolDebug.Routes, message, net.Prefix, gone.Attributes);
    }

    static void Log(Protocol protocol, char direction, string message, Prefix net, RouteAttributes attributes) =>
        protocol.Loop.Log(RibLogLevel.Trace, $"{protocol.Name} {direction} {message} {net} {Via(attributes)}");

    /// <summary>rt_format_via: where the route leads.</summary>
    static string Via(RouteAttributes a) => a.Dest switch
    {
        RouteDest.Router when a.NextHops.Length > 0 => string.IsNullOrEmpty(a.NextHops[0].InterfaceName)
            ? $"via {a.NextHops[0].Gateway}"
            : $"via {a.NextHops[0].Gateway} on {a.NextHops[0].InterfaceName}",
        RouteDest.Device when a.NextHops.Length > 0 => $"dev {a.NextHops[0].InterfaceName}",
        RouteDest.Blackhole => "blackhole",
        RouteDest.Unreachable => "unreachable",
        RouteDest.Prohibit => "prohibited",
        RouteDest.Multipath => "multipath",
        _ => "???",
    };
}
