using System.Net;
using System.Net.NetworkInformation;
using Bgpd.Net;

namespace Bgpd.Bgp.Protocol;

/// <summary>
/// IPv6 on a directly connected link, as BIRD 1.6's bird6: a link-local neighbor (`neighbor fe80::1 %
/// 'eth0'`) is reached through its interface (the socket's scope id), and next hops we announce on a
/// direct session carry our global address and our link-local address on that interface (RFC 2545).
/// </summary>
public sealed partial class BgpProtocol
{
    // Our next hop on a direct IPv6 session: the global part and the link-local part (null when none).
    private IpAddress? _selfGlobal;
    private IpAddress? _selfLinkLocal;

    /// <summary>The interface the session runs over: the configured scope, else the one the peer is a neighbor on.</summary>
    private string? SessionInterface
    {
        get
        {
            if (Options.Interface is { } scope) return scope;
            if (Options.Multihop == 0 && _interfaces is not null && _interfaces.TryFindNeighbor(Options.Session.PeerAddress, null, out var neighbor))
                return neighbor.Name;
            return null;
        }
    }

    /// <summary>The peer's endpoint; a link-local address gets its interface as scope id.</summary>
    private IPEndPoint PeerEndPoint()
    {
        var address = Options.Session.PeerAddress.ToSystem();
        if (Options.Session.PeerAddress.IsLinkLocal && Options.Interface is { } name)
        {
            var index = InterfaceIndex(name);
            if (index <= 0) throw new ArgumentException($"interface {name} of link-local neighbor {Options.Session.PeerAddress} not found");
            address.ScopeId = index;
        }
        return new IPEndPoint(address, Options.NeighborPort);
    }

    private int _listenerScope;

    /// <summary>
    /// The interface index incoming connections of a link-local neighbor must arrive on (two neighbors
    /// may share one link-local address on different links); 0 = any, also when the interface is missing.
    /// </summary>
    private int ListenerScope() =>
        Options.Session.PeerAddress.IsLinkLocal && Options.Interface is { } name ? Math.Max(0, InterfaceIndex(name)) : 0;

    private static int InterfaceIndex(string name)
    {
        var nic = FindInterface(name);
        return nic?.Supports(NetworkInterfaceComponent.IPv6) == true ? nic.GetIPProperties().GetIPv6Properties().Index : 0;
    }

    private static NetworkInterface? FindInterface(string name)
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name);
        }
        catch (NetworkInformationException)
        {
            return null;
        }
    }

    /// <summary>
    /// BIRD 1.6 bgp_start_neighbor for IPv6: on a direct session our next hop is the interface's global
    /// address (the session's own address when it is global) plus its link-local address.
    /// </summary>
    private void ChooseSelfNextHop()
    {
        _selfGlobal = _selfLinkLocal = null;
        if (!Options.Family.IsV6 || Options.Multihop > 0 || LocalAddress is not { IsV6: true } local) return;
        var addresses = SessionInterface is { } name && FindInterface(name) is { } nic
            ? nic.GetIPProperties().UnicastAddresses.Select(u => IpAddress.FromSystem(u.Address)).Where(a => a.IsV6).ToList()
            : [];
        _selfLinkLocal = local.IsLinkLocal ? local : addresses.FirstOrDefault(a => a.IsLinkLocal) is { IsV6: true } ll ? ll : null;
        _selfGlobal = !local.IsLinkLocal ? local : addresses.FirstOrDefault(a => !a.IsLinkLocal) is { IsV6: true } global ? global : local;
        if (_selfLinkLocal is null)
            Loop.Log(Rib.RibLogLevel.Warning, $"{Name}: Missing link local address on interface {SessionInterface ?? "?"}");
    }
}
