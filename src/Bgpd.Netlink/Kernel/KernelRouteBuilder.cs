using System.Collections.Immutable;
using Bgpd.Net;
using Bgpd.Netlink.Rtnetlink;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using RibNextHop = Bgpd.Rib.Attributes.NextHop;
using KernelNextHop = Bgpd.Netlink.Rtnetlink.NextHop;
using KernelScope = Bgpd.Netlink.Rtnetlink.RouteScope;

namespace Bgpd.Netlink.Kernel;

/// <summary>Converts between RIB routes and kernel route messages, as BIRD's netlink layer does.</summary>
public static class KernelRouteBuilder
{
    private const ushort KrtMetricsBase = 0x0420;

    /// <summary>The kernel route to install for an exported route, or null when the kernel cannot hold it.</summary>
    /// <param name="indexOf">Resolves an interface name to its index (0 when unknown).</param>
    public static RouteMessage? ToKernel(Prefix prefix, RouteAttributes attributes, uint table, uint metric, Func<string?, int> indexOf)
    {
        var route = new RouteMessage
        {
            Destination = prefix,
            Table = table,
            Protocol = RouteProtocol.Bird,
            Scope = KernelScope.Universe,
            Type = RouteType.Unicast,
        };
        var ea = attributes.Attributes;
        var priority = metric;
        if (priority == 0 && ea.TryGet(EaId.KrtMetric, out var krtMetric) && krtMetric.Type == EaType.Int)
            priority = krtMetric.AsInt;
        IpAddress? prefSrc = ea.TryGet(EaId.KrtPrefSrc, out var src) && src.Type == EaType.Ip ? src.AsIp : null;
        if (prefSrc is { } p && p.IsV6 != prefix.IsV6)
            prefSrc = null;
        uint? realm = ea.TryGet(EaId.KrtRealm, out var realmValue) && realmValue.Type == EaType.Int ? realmValue.AsInt : null;
        var tunnel = ea.TryGet(EaId.KrtTunnel, out var tunnelValue) && tunnelValue.Type == EaType.String ? indexOf(tunnelValue.AsString) : 0;
        route = route with { Priority = priority, PreferredSource = prefSrc, Metrics = Metrics(ea) };

        switch (attributes.Dest)
        {
            case RouteDest.Blackhole: return route with { Type = RouteType.Blackhole };
            case RouteDest.Unreachable: return route with { Type = RouteType.Unreachable };
            case RouteDest.Prohibit: return route with { Type = RouteType.Prohibit };
            case RouteDest.Router:
                {
                    var hop = attributes.NextHops[0];
                    var oif = tunnel != 0 ? tunnel : hop.InterfaceIndex != 0 ? hop.InterfaceIndex : indexOf(hop.InterfaceName);
                    var onlink = tunnel != 0 || hop.OnLink;
                    return route with
                    {
                        Gateway = hop.Gateway,
                        OutputInterface = oif,
                        Flags = onlink ? RouteFlags.NextHopOnlink : 0,
                        Flow = realm,
                    };
                }
            case RouteDest.Device:
                {
                    var hop = attributes.NextHops[0];
                    var oif = hop.InterfaceIndex != 0 ? hop.InterfaceIndex : indexOf(hop.InterfaceName);
                    return oif == 0 ? null : route with { OutputInterface = oif, Flow = realm };
                }
            case RouteDest.Multipath:
                {
                    var hops = new KernelNextHop[attributes.NextHops.Length];
                    for (var i = 0; i < hops.Length; i++)
                    {
                        var h = attributes.NextHops[i];
                        var oif = tunnel != 0 ? tunnel : h.InterfaceIndex != 0 ? h.InterfaceIndex : indexOf(h.InterfaceName);
                        var onlink = tunnel != 0 || h.OnLink;
                        hops[i] = new KernelNextHop(h.IsDevice ? null : h.Gateway, oif, h.Weight, onlink ? RouteFlags.NextHopOnlink : 0, realm);
                    }
                    return route with { NextHops = hops };
                }
            default:
                return null;
        }
    }

    /// <summary>RIB attributes for a learned alien kernel route (source inherit, krt_* attributes), or null
    /// when an interface it names is unknown.</summary>
    public static RouteAttributes? FromKernel(in RouteMessage route, Protocol protocol, Func<int, string?> nameOf)
    {
        // Built in id order (source, metric, prefsrc, realm, scope, RTAX metrics) so no sorting is needed.
        // krt_scope is set when the route's scope is not the one BIRD 1.6 expects for its kind (link for
        // a device route, universe otherwise): IPv6 device routes, which the kernel scopes universe, carry it.
        var isDevice = route.Type == RouteType.Unicast && route.NextHops is not { Length: > 0 } && route.Gateway is null;
        var defaultScope = isDevice ? (byte)KernelScope.Link : (byte)KernelScope.Universe;
        var scoped = route.Scope != defaultScope;
        var count = 2 + (route.PreferredSource is null ? 0 : 1) + (route.Flow is null ? 0 : 1) + (scoped ? 1 : 0) + (route.Metrics?.Present().Count() ?? 0);
        var eas = new Ea[count];
        var n = 0;
        eas[n++] = new Ea(EaId.KrtSource, EaValue.Int(route.Protocol));
        eas[n++] = new Ea(EaId.KrtMetric, EaValue.Int(route.Priority));
        if (route.PreferredSource is { } src)
            eas[n++] = new Ea(EaId.KrtPrefSrc, EaValue.Ip(src));
        if (route.Flow is { } flow)
            eas[n++] = new Ea(EaId.KrtRealm, EaValue.Int(flow));
        if (scoped)
            eas[n++] = new Ea(EaId.KrtScope, EaValue.Int(route.Scope));
        if (route.Metrics is { } metrics)
            foreach (var (index, value) in metrics.Present())
                eas[n++] = new Ea((EaId)(KrtMetricsBase + index), index is MetricAttr.Lock or MetricAttr.Features ? EaValue.Bitfield(value) : EaValue.Int(value));
        var list = EaList.FromSorted(eas);

        switch (route.Type)
        {
            case RouteType.Blackhole: return new RouteAttributes(protocol, RouteSource.Inherit, RouteDest.Blackhole, attributes: list);
            case RouteType.Unreachable: return new RouteAttributes(protocol, RouteSource.Inherit, RouteDest.Unreachable, attributes: list);
            case RouteType.Prohibit: return new RouteAttributes(protocol, RouteSource.Inherit, RouteDest.Prohibit, attributes: list);
            case RouteType.Unicast: break;
            default: return null;
        }
        if (route.NextHops is { Length: > 0 } kernelHops)
        {
            var hops = ImmutableArray.CreateBuilder<RibNextHop>(kernelHops.Length);
            foreach (var h in kernelHops)
            {
                if (nameOf(h.InterfaceIndex) is not { } name || h.Gateway is not { } gw)
                    return null;
                hops.Add(new RibNextHop(gw, name, h.InterfaceIndex, Math.Clamp(h.Weight, 1, 256), h.IsOnlink));
            }
            if (hops.Count == 1)
                return new RouteAttributes(protocol, RouteSource.Inherit, RouteDest.Router, [hops[0]], list);
            hops.Sort(RibNextHop.CompareForMultipath);
            return new RouteAttributes(protocol, RouteSource.Inherit, RouteDest.Multipath, hops.ToImmutable(), list);
        }
        if (nameOf(route.OutputInterface) is not { } ifname)
            return null;
        if (route.Gateway is { } gateway)
            return new RouteAttributes(protocol, RouteSource.Inherit, RouteDest.Router, [new RibNextHop(gateway, ifname, route.OutputInterface, 1, route.IsOnlink)], list);
        return new RouteAttributes(protocol, RouteSource.Inherit, RouteDest.Device, [RibNextHop.Device(ifname, route.OutputInterface, route.IsV6)], list);
    }

    private static RouteMetrics? Metrics(EaList ea)
    {
        RouteMetrics? metrics = null;
        foreach (var item in ea.AsSpan())
        {
            var id = (ushort)item.Id;
            if (id <= KrtMetricsBase || id > KrtMetricsBase + MetricAttr.Max)
                continue;
            if (item.Value.Type is not (EaType.Int or EaType.Bitfield))
                continue;
            metrics ??= new RouteMetrics();
            metrics[id - KrtMetricsBase] = item.Value.AsInt;
        }
        return metrics;
    }
}
