using Bgpd.Net;
using Bgpd.Netlink.Rtnetlink;

namespace Bgpd.Netlink.Device;

/// <summary>Which address families the device protocol tracks: BIRD 1.6's <c>bird</c> sees IPv4 only,
/// <c>bird6</c> IPv6 only, 2.x both.</summary>
[Flags]
public enum AddressFamilies
{
    V4 = 1,
    V6 = 2,
    Both = V4 | V6,
}

/// <summary>The interface list kept from netlink events and periodic dumps (pure: feed it decoded
/// messages, read back changes). Vanished interfaces are removed, never kept as dead entries.</summary>
public sealed class InterfaceTable
{
    private readonly Dictionary<int, NetInterface> _byIndex = [];
    private readonly List<NetInterface> _ordered = [];
    private readonly AddressFamilies _families;
    private IReadOnlyList<(string? Pattern, IpAddress Address)> _primaryConfig;

    public InterfaceTable(AddressFamilies families = AddressFamilies.Both, IReadOnlyList<(string? Pattern, IpAddress Address)>? primary = null)
    {
        _families = families;
        _primaryConfig = primary ?? [];
    }

    /// <summary>Interfaces in the order they appeared (BIRD lists them that way).</summary>
    public IReadOnlyList<NetInterface> Interfaces => _ordered;

    public NetInterface? Find(int index) => _byIndex.GetValueOrDefault(index);

    public NetInterface? Find(string name)
    {
        foreach (var i in _ordered)
            if (i.Name == name)
                return i;
        return null;
    }

    public void SetPrimaryConfig(IReadOnlyList<(string? Pattern, IpAddress Address)> primary, List<InterfaceChange> changes)
    {
        _primaryConfig = primary;
        foreach (var i in _ordered)
        {
            var wasUp = i.IsUp;
            if (i.SelectPrimary(_primaryConfig))
                changes.Add(new InterfaceChange(InterfaceChangeKind.Updated, i, null, wasUp));
        }
    }

    public void ApplyLink(in LinkMessage link, bool deleted, List<InterfaceChange> changes)
    {
        if (deleted)
        {
            Remove(link.Index, changes);
            return;
        }
        if (_byIndex.TryGetValue(link.Index, out var existing))
        {
            existing.Seen = true;
            var wasUp = existing.IsUp;
            if (existing.Update(link))
                changes.Add(new InterfaceChange(InterfaceChangeKind.Updated, existing, null, wasUp));
            return;
        }
        var added = new NetInterface(link) { Seen = true };
        _byIndex.Add(link.Index, added);
        _ordered.Add(added);
        changes.Add(new InterfaceChange(InterfaceChangeKind.Added, added, null, false));
    }

    public void ApplyAddress(in AddressMessage message, bool deleted, List<InterfaceChange> changes)
    {
        if (!Tracks(message.Address) || !_byIndex.TryGetValue(message.InterfaceIndex, out var iface))
            return;
        // Tentative (DAD in progress) addresses are not usable yet; the kernel re-announces them.
        if (message.IsTentative && !deleted)
            deleted = true;
        var list = iface.MutableAddresses;
        var at = -1;
        for (var k = 0; k < list.Count && at < 0; k++)
            if (list[k].SameKey(message))
                at = k;
        var wasUp = iface.IsUp;
        if (deleted)
        {
            if (at < 0)
                return;
            var gone = list[at];
            list.RemoveAt(at);
            changes.Add(new InterfaceChange(InterfaceChangeKind.AddressRemoved, iface, gone, wasUp));
            Reselect(iface, wasUp, changes);
            return;
        }
        if (at >= 0)
        {
            list[at].Seen = true;
            if (list[at].IsSecondary != message.IsSecondary)
            {
                list[at].IsSecondary = message.IsSecondary;
                Reselect(iface, wasUp, changes);
            }
            return;
        }
        if (AddressScopes.Classify(message.Address) is not { } scope)
            return;
        var added = new InterfaceAddress(message, scope) { Seen = true };
        list.Add(added);
        Reselect(iface, wasUp, changes);
        changes.Add(new InterfaceChange(InterfaceChangeKind.AddressAdded, iface, added, wasUp));
    }

    /// <summary>Marks everything unseen before a full link+address dump.</summary>
    public void BeginScan()
    {
        foreach (var i in _ordered)
        {
            i.Seen = false;
            foreach (var a in i.Addresses)
                a.Seen = false;
        }
    }

    /// <summary>After a full dump: forgets interfaces and addresses the dump did not mention.</summary>
    public void EndScan(List<InterfaceChange> changes)
    {
        foreach (var i in _ordered.Where(i => !i.Seen).ToList())
            Remove(i.Index, changes);
        foreach (var i in _ordered)
        {
            var wasUp = i.IsUp;
            var stale = i.MutableAddresses.Where(a => !a.Seen).ToList();
            if (stale.Count == 0)
                continue;
            foreach (var a in stale)
            {
                i.MutableAddresses.Remove(a);
                changes.Add(new InterfaceChange(InterfaceChangeKind.AddressRemoved, i, a, wasUp));
            }
            Reselect(i, wasUp, changes);
        }
    }

    private void Remove(int index, List<InterfaceChange> changes)
    {
        if (!_byIndex.Remove(index, out var gone))
            return;
        _ordered.Remove(gone);
        var wasUp = gone.IsUp;
        foreach (var a in gone.Addresses)
            changes.Add(new InterfaceChange(InterfaceChangeKind.AddressRemoved, gone, a, wasUp));
        changes.Add(new InterfaceChange(InterfaceChangeKind.Removed, gone, null, wasUp));
    }

    private void Reselect(NetInterface iface, bool wasUp, List<InterfaceChange> changes)
    {
        if (iface.SelectPrimary(_primaryConfig) || wasUp != iface.IsUp)
            changes.Add(new InterfaceChange(InterfaceChangeKind.Updated, iface, null, wasUp));
    }

    private bool Tracks(IpAddress address) =>
        address.IsV6 ? (_families & AddressFamilies.V6) != 0 : (_families & AddressFamilies.V4) != 0;
}
