using Bgpd.Net;
using Bgpd.Rib.Protocols;

namespace Bgpd.Netlink.Device;

/// <summary>BIRD's neighbour lookup over an <see cref="InterfaceTable"/>, shared by the device protocol and
/// the hub's always-available interface view.</summary>
public static class InterfaceLookup
{
    public static bool TryGet(InterfaceTable table, string name, out InterfaceState state)
    {
        if (table.Find(name) is { } i)
        {
            state = StateOf(i);
            return true;
        }
        state = default;
        return false;
    }

    /// <summary>The up interface whose connected network contains <paramref name="gateway"/> (not one of its
    /// own addresses); an IPv6 link-local gateway is reachable on the interface it is scoped to.</summary>
    public static bool TryFindNeighbor(InterfaceTable table, IpAddress gateway, string? interfaceName, out InterfaceState state)
    {
        foreach (var i in table.Interfaces)
        {
            if (!i.IsUp || (interfaceName is not null && i.Name != interfaceName))
                continue;
            foreach (var a in i.Addresses)
            {
                if (a.Address.IsV6 != gateway.IsV6 || a.Address == gateway)
                    continue;
                if (a.Network.Contains(gateway))
                {
                    state = StateOf(i);
                    return true;
                }
            }
            if (interfaceName is not null && gateway.IsLinkLocal)
            {
                state = StateOf(i);
                return true;
            }
        }
        state = default;
        return false;
    }

    public static InterfaceState StateOf(NetInterface i) => new(i.Name, i.Index, i.IsUp, i.LinkUp);
}
