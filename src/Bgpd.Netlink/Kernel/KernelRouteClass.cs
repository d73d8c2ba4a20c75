using Bgpd.Net;
using Bgpd.Netlink.Device;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Kernel;

/// <summary>How the kernel protocol treats a route found in the kernel (BIRD's KRT_SRC_*).</summary>
public enum KernelRouteClass
{
    /// <summary>Not ours to look at: other table, cloned, kernel-generated, link-scope destination...</summary>
    Ignored,
    /// <summary>rtm_protocol 12: installed by us (or by another BIRD-like daemon; reconciled on scan).</summary>
    Own,
    /// <summary>Any other protocol (boot, static, dhcp, custom numbers): learnable with <c>learn</c>.</summary>
    Alien,
    /// <summary>ICMP redirect routes: BIRD deletes them.</summary>
    Redirect,
}

public static class KernelRouteClassifier
{
    /// <summary>Classifies a decoded kernel route for a kernel protocol syncing <paramref name="table"/>.</summary>
    public static KernelRouteClass Classify(in RouteMessage route, uint table)
    {
        if (route.Table != table || (route.Flags & RouteFlags.Cloned) != 0 || route.InputInterface != 0 ||
            route.Tos != 0 || route.SourceLength != 0)
            return KernelRouteClass.Ignored;
        if (route.Type is not (RouteType.Unicast or RouteType.Blackhole or RouteType.Unreachable or RouteType.Prohibit))
            return KernelRouteClass.Ignored;
        if (!UsableDestination(route.Destination))
            return KernelRouteClass.Ignored;
        return route.Protocol switch
        {
            RouteProtocol.Unspec => KernelRouteClass.Ignored,
            RouteProtocol.Kernel => KernelRouteClass.Ignored,
            RouteProtocol.Redirect => KernelRouteClass.Redirect,
            RouteProtocol.Bird => KernelRouteClass.Own,
            _ => KernelRouteClass.Alien,
        };
    }

    /// <summary>BIRD skips destinations whose class is not a host address with scope wider than link
    /// (e.g. 127/8, fe80::/10, multicast); the default route is fine.</summary>
    private static bool UsableDestination(Prefix destination)
    {
        if (destination.Address.IsZero)
            return true;
        return AddressScopes.Classify(destination.Address) is { } scope && scope > AddressScope.Link;
    }
}
