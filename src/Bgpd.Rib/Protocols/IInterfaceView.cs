using Bgpd.Net;

namespace Bgpd.Rib.Protocols;

/// <summary>What the RIB needs to know about one network interface: name, kernel index, admin up, carrier (link) up.</summary>
public readonly record struct InterfaceState(string Name, int Index, bool IsUp, bool HasLink = true);

/// <summary>
/// Interface state as seen by protocols that resolve next hops (static). The device protocol
/// implements it from netlink; <see cref="Changed"/> is raised on the routing loop.
/// </summary>
public interface IInterfaceView
{
    /// <summary>Looks an interface up by name.</summary>
    bool TryGetInterface(string name, out InterfaceState state);

    /// <summary>
    /// BIRD's neighbor lookup: the up interface on which <paramref name="gateway"/> is directly reachable
    /// (inside a connected prefix and not a local address); restricted to <paramref name="interfaceName"/> when given.
    /// </summary>
    bool TryFindNeighbor(IpAddress gateway, string? interfaceName, out InterfaceState state);

    /// <summary>Raised (on the routing loop) when interfaces or addresses change.</summary>
    event Action? Changed;
}
