using Bgpd.Net;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Tests.Kernel;

/// <summary>Small builders for kernel route messages in tests.</summary>
internal static class Routes
{
    public static RouteMessage Via(string prefix, string gateway, byte protocol = RouteProtocol.Bird, uint metric = 0, int oif = 2, uint table = RouteTable.Main) => new()
    {
        Destination = Prefix.Parse(prefix),
        Table = table,
        Protocol = protocol,
        Scope = RouteScope.Universe,
        Type = RouteType.Unicast,
        Gateway = IpAddress.Parse(gateway),
        OutputInterface = oif,
        Priority = metric,
    };

    public static RouteMessage Dev(string prefix, int oif, byte protocol = RouteProtocol.Boot, uint metric = 0) => new()
    {
        Destination = Prefix.Parse(prefix),
        Table = RouteTable.Main,
        Protocol = protocol,
        Scope = RouteScope.Link,
        Type = RouteType.Unicast,
        OutputInterface = oif,
        Priority = metric,
    };
}
