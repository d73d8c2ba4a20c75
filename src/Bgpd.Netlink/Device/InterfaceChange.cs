namespace Bgpd.Netlink.Device;

public enum InterfaceChangeKind
{
    /// <summary>A new interface appeared.</summary>
    Added,
    /// <summary>Flags, MTU, name, master or primary address changed (including up/down).</summary>
    Updated,
    /// <summary>The interface vanished; it is forgotten.</summary>
    Removed,
    AddressAdded,
    AddressRemoved,
}

/// <summary>What changed in the interface table; <see cref="Address"/> is set for address changes.
/// <see cref="WasUp"/> tells listeners (direct, kernel) whether the interface was up before.</summary>
public readonly record struct InterfaceChange(InterfaceChangeKind Kind, NetInterface Interface, InterfaceAddress? Address, bool WasUp);
