using Bgpd.Net;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Device;

/// <summary>One address of an interface as the device protocol tracks it.</summary>
public sealed class InterfaceAddress
{
    internal InterfaceAddress(in AddressMessage message, AddressScope scope)
    {
        Address = message.Address;
        PrefixLength = message.PrefixLength;
        Peer = message.Peer;
        IsSecondary = message.IsSecondary;
        Scope = scope;
    }

    public IpAddress Address { get; }
    public byte PrefixLength { get; }
    /// <summary>The far end of a point-to-point address (BIRD's "opposite").</summary>
    public IpAddress? Peer { get; }
    public bool IsSecondary { get; internal set; }
    public AddressScope Scope { get; }
    public bool IsPrimary { get; internal set; }
    internal bool Seen { get; set; }

    /// <summary>The network a device route for this address covers: the peer for a /32 (/128)
    /// point-to-point address, else the masked prefix.</summary>
    public Prefix Network =>
        Peer is { } peer && PrefixLength == Address.MaxPrefixLength ? Prefix.Host(peer) : new Prefix(Address.Masked(PrefixLength), PrefixLength);

    internal bool SameKey(in AddressMessage m) => Address == m.Address && PrefixLength == m.PrefixLength && Peer == m.Peer;

    public override string ToString() => $"{Address}/{PrefixLength}";
}

/// <summary>One network interface: BIRD's flags, MTU, master and addresses.</summary>
public sealed class NetInterface
{
    private readonly List<InterfaceAddress> _addresses = [];

    internal NetInterface(in LinkMessage link) => Update(link);

    public int Index { get; private set; }
    public string Name { get; private set; } = "";
    public uint KernelFlags { get; private set; }
    public uint Mtu { get; private set; }
    public int MasterIndex { get; private set; }
    internal bool Seen { get; set; }

    public bool AdminUp => (KernelFlags & LinkAttr.FlagUp) != 0;
    public bool LinkUp => (KernelFlags & LinkAttr.FlagLowerUp) != 0;
    public bool IsLoopback => (KernelFlags & LinkAttr.FlagLoopback) != 0;
    public bool IsPointToPoint => !IsLoopback && (KernelFlags & LinkAttr.FlagPointToPoint) != 0;
    public bool IsBroadcast => !IsLoopback && !IsPointToPoint && (KernelFlags & LinkAttr.FlagBroadcast) != 0;
    public bool IsMultiAccess => !IsPointToPoint;
    public bool IsMulticast => !IsLoopback && (IsPointToPoint || IsBroadcast || (KernelFlags & LinkAttr.FlagMulticast) != 0);
    /// <summary>BIRD ignores the loopback for routing protocols (shown as <c>Ignored</c>).</summary>
    public bool IsIgnored => IsLoopback;

    /// <summary>BIRD 1.6's "up": administratively up with a primary address. Carrier is not required
    /// (protocols that care use <c>check link</c>).</summary>
    public bool IsUp => AdminUp && Primary is not null;

    public IReadOnlyList<InterfaceAddress> Addresses => _addresses;

    /// <summary>The selected (primary) address: the IPv4 one if any, else the IPv6 one.</summary>
    public InterfaceAddress? Primary => PrimaryV4 ?? PrimaryV6;
    public InterfaceAddress? PrimaryV4 { get; private set; }
    public InterfaceAddress? PrimaryV6 { get; private set; }

    internal List<InterfaceAddress> MutableAddresses => _addresses;

    internal bool Update(in LinkMessage link)
    {
        var changed = Index != link.Index || Name != link.Name || KernelFlags != link.Flags || Mtu != link.Mtu || MasterIndex != link.Master;
        Index = link.Index;
        Name = link.Name;
        KernelFlags = link.Flags;
        Mtu = link.Mtu;
        MasterIndex = link.Master;
        return changed;
    }

    /// <summary>Re-selects primaries: a configured <c>primary</c> match first, else the non-secondary address
    /// with the widest scope (the first of equals), per family. Returns true if a selection changed.</summary>
    internal bool SelectPrimary(IReadOnlyList<(string? Pattern, IpAddress Address)> configured)
    {
        var v4 = Choose(false, configured);
        var v6 = Choose(true, configured);
        var changed = !ReferenceEquals(v4, PrimaryV4) || !ReferenceEquals(v6, PrimaryV6);
        PrimaryV4 = v4;
        PrimaryV6 = v6;
        foreach (var a in _addresses)
            a.IsPrimary = ReferenceEquals(a, v4) || ReferenceEquals(a, v6);
        return changed;
    }

    private InterfaceAddress? Choose(bool v6, IReadOnlyList<(string? Pattern, IpAddress Address)> configured)
    {
        foreach (var (pattern, address) in configured)
        {
            if (address.IsV6 != v6 || (pattern is not null && !InterfacePatterns.Matches(pattern, Name)))
                continue;
            foreach (var a in _addresses)
                if (a.Address == address)
                    return a;
        }
        InterfaceAddress? best = null;
        foreach (var a in _addresses)
            if (a.Address.IsV6 == v6 && !a.IsSecondary && (best is null || a.Scope > best.Scope))
                best = a;
        return best;
    }

    public override string ToString() => Name;
}
