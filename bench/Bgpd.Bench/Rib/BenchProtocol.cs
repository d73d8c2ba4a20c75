using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Filtering;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Bench.Rib;

/// <summary>A BGP-like protocol for benchmarks: lower MED wins between its routes.</summary>
internal sealed class BenchProtocol : Protocol
{
    public BenchProtocol(string name, RoutingLoop loop, RoutingTable table, int preference, bool export = false) : base(name, loop) =>
        Channel = AddChannel(table, new ChannelOptions { Preference = preference, ExportFilter = export ? Bgpd.Rib.Filtering.Filters.All : Bgpd.Rib.Filtering.Filters.None });

    public override string ClassName => "BGP";
    public override int DefaultPreference => 100;
    public Channel Channel { get; }
    public int ExportCount { get; private set; }

    public RouteAttributes PeerAttributes(IpAddress gateway, uint med) => Loop.Attributes.Intern(new RouteAttributes(
        this, RouteSource.Bgp, RouteDest.Router, [new NextHop(gateway, "eth0", 2)],
        EaList.Create([
            new Ea(EaId.BgpOrigin, EaValue.Int(0)),
            new Ea(EaId.BgpAsPath, EaValue.Path(AsPath.FromSequence(65003, 65004))),
            new Ea(EaId.BgpNextHop, EaValue.Ip(gateway)),
            new Ea(EaId.BgpMed, EaValue.Int(med)),
            new Ea(EaId.BgpLocalPref, EaValue.Int(100)),
        ]),
        from: gateway));

    protected override bool IsBetter(Route candidate, Route current)
    {
        candidate.Attributes.TryGet(EaId.BgpMed, out var a);
        current.Attributes.TryGet(EaId.BgpMed, out var b);
        return a.AsInt < b.AsInt;
    }

    protected override void OnExport(Channel channel, in RouteExport change) => ExportCount++;
}
