using Bgpd.Net;
using Bgpd.Rib;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;
using Bgpd.Rib.Tables;

namespace Bgpd.Netlink.Tests.Namespaces;

/// <summary>A protocol that announces whatever the test tells it (standing in for BGP sessions).</summary>
internal sealed class OriginProtocol : Protocol
{
    public OriginProtocol(string name, RoutingLoop loop, RoutingTable table) : base(name, loop) =>
        Channel = AddChannel(table, new ChannelOptions());

    public override string ClassName => "BGP";
    public override int DefaultPreference => 100;
    public Channel Channel { get; }

    public void AnnounceBgp(string prefix, string gateway, string iface, uint localPref = 100)
    {
        var eas = EaList.Create([new Ea(EaId.BgpOrigin, EaValue.Int(0)), new Ea(EaId.BgpLocalPref, EaValue.Int(localPref))]);
        Channel.Update(Prefix.Parse(prefix), new RouteAttributes(this, RouteSource.Bgp, RouteDest.Router,
            [new NextHop(IpAddress.Parse(gateway), iface)], eas));
    }

    public void Withdraw(string prefix) => Channel.Withdraw(Prefix.Parse(prefix));
}
