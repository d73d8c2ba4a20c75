using System.Collections.Immutable;
using Bgpd.Filters.Rib;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;

namespace Bgpd.Filters.Tests.Calico;

/// <summary>Builds RIB routes as Calico nodes see them and runs compiled filters on them through the RIB's editor.</summary>
internal static class CalicoRoutes
{
    public static RouteAttributes Device(string ifname, params Ea[] eas) =>
        new(null, RouteSource.Device, RouteDest.Device, [NextHop.Device(ifname)], EaList.Create(eas));

    public static RouteAttributes Kernel(string ifname, uint metric) =>
        new(null, RouteSource.Inherit, RouteDest.Device, [NextHop.Device(ifname)], EaList.Create([new Ea(EaId.KrtMetric, EaValue.Int(metric))]));

    public static RouteAttributes Blackhole() => new(null, RouteSource.Static, RouteDest.Blackhole);

    public static RouteAttributes Bgp(string nextHop, uint localPref, string ifname = "eth0") =>
        new(null, RouteSource.Bgp, RouteDest.Router, [new NextHop(IpAddress.Parse(nextHop), ifname)], EaList.Create([
            new Ea(EaId.BgpOrigin, EaValue.Int(0), 0x40),
            new Ea(EaId.BgpAsPath, EaValue.Path(AsPath.Empty), 0x40),
            new Ea(EaId.BgpNextHop, EaValue.Ip(IpAddress.Parse(nextHop)), 0x40),
            new Ea(EaId.BgpLocalPref, EaValue.Int(localPref), 0x40),
        ]));

    public static (FilterVerdict Verdict, RouteEditor Editor) Run(IRouteFilter filter, string net, RouteAttributes attributes, int preference = 100)
    {
        var editor = new RouteEditor();
        editor.Load(Prefix.Parse(net), attributes, preference);
        return (filter.Run(editor), editor);
    }

    public static uint? Int(this RouteEditor e, EaId id) => e.TryGet(id, out var v) ? v.AsInt : null;
    public static string? Str(this RouteEditor e, EaId id) => e.TryGet(id, out var v) ? v.AsString : null;
    public static ImmutableArray<uint> Communities(this RouteEditor e) => e.TryGet(EaId.BgpCommunity, out var v) ? v.AsIntSet : [];
    public static ImmutableArray<LargeCommunity> Large(this RouteEditor e) => e.TryGet(EaId.BgpLargeCommunity, out var v) ? v.AsLcSet : [];

    public static IRouteFilter Rib(this CompiledFilter f) => f.ToRib();
}
