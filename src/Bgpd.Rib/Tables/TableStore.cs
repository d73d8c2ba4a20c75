using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Tables;

/// <summary>One route's storage (24 bytes): what a <see cref="Route"/> handle reads.</summary>
internal struct RouteEntry
{
    public RouteAttributes? Attributes;
    // Bits 0-15 preference, 16 filtered, 17 suppressed, 18 stale, 19 sender stored apart, 20-63 milliseconds since the Unix epoch.
    public ulong Packed;
    /// <summary>Next route of the same network (0 = none); on a free slot, the next free slot.</summary>
    public int Next;
    /// <summary>The network's slot.</summary>
    public int Net;

    public const int TimeShift = 20;
    public const ulong FilteredBit = 1UL << 16, SuppressedBit = 1UL << 17, StaleBit = 1UL << 18, ForwardedBit = 1UL << 19;
    public const long MaxTimeMs = (long)(ulong.MaxValue >> TimeShift);

    public static ulong Pack(int preference, bool filtered, long lastModifiedMs) =>
        (ushort)Math.Clamp(preference, 0, ushort.MaxValue) | (filtered ? FilteredBit : 0)
        | ((ulong)Math.Clamp(lastModifiedMs, 0, MaxTimeMs) << TimeShift);
}

/// <summary>One network's storage (16 bytes): an IPv6 network's upper 96 bits are kept apart.</summary>
internal struct NetEntry
{
    /// <summary>IPv4: the address; IPv6: its lowest 32 bits (the rest in the store's IPv6 side array).</summary>
    public uint Address;
    /// <summary>First route (the best when any is valid), 0 = none.</summary>
    public int First;
    /// <summary>Next network in the same hash bucket of the <see cref="NetworkIndex"/>; on a free slot, the next free slot.</summary>
    public int Chain;
    public byte Length;
    public bool IsV6;
}

/// <summary>
/// The networks and routes of one table as structs in <see cref="SlotArray{T}"/>s, addressed by the
/// int slots that <see cref="Route"/> and <see cref="Network"/> handles carry: no object per route
/// for the GC to allocate, trace or copy. A route's sending channel is stored (in a side dictionary)
/// only when it is not the originating protocol's main channel, which is rare (pipes).
/// </summary>
/// <remarks>
/// Lifetime: a removed route or network stays readable (its slot untouched) until the routing loop's
/// work item that removed it has ended, because the exports of that change still read the old route;
/// its slot is reused from the next work item on. Changes made outside any work item (tests that drive
/// a table directly) never free slots, so a handle kept there stays valid.
/// </remarks>
internal sealed class TableStore
{
    // 4096 routes (96 KiB) and 8192 networks (128 KiB) per full segment: both above the
    // large-object threshold (85,000 bytes), so full segments are never moved by the GC.
    private const int RouteSegmentBits = 12, NetSegmentBits = 13;

    private readonly RoutingLoop? _loop;
    private readonly SlotArray<RouteEntry> _routes = new(RouteSegmentBits);
    private readonly SlotArray<NetEntry> _nets = new(NetSegmentBits);
    private SlotArray<UInt128>? _v6High;
    private Dictionary<int, Channel>? _senders;
    private int _freeRoutes, _freeNets;
    private readonly List<int> _retiredRoutes = [], _retiredNets = [];
    private long _retiredIn = -1;

    /// <param name="loop">The loop whose work items bound the life of removed entries; null: slots are never reused.</param>
    public TableStore(RoutingLoop? loop) => _loop = loop;

    /// <summary>Route slots ever handed out (tests: reuse keeps this flat).</summary>
    public int RouteSlots => _routes.Length - 1;
    /// <summary>Network slots ever handed out.</summary>
    public int NetworkSlots => _nets.Length - 1;
    /// <summary>Full-size segments in use by routes (tests: growth across segments).</summary>
    public int RouteSegments => _routes.SegmentCount;

    public ref RouteEntry RouteAt(int slot) => ref _routes[slot];
    public ref NetEntry NetAt(int slot) => ref _nets[slot];

    public Channel SenderOf(int route) => _senders![route];

    /// <summary>A new network of <paramref name="prefix"/>, with no routes and not yet in any index.</summary>
    public int NewNetwork(in Prefix prefix)
    {
        ReleaseRetired();
        int slot;
        if (_freeNets != 0)
        {
            slot = _freeNets;
            _freeNets = _nets[slot].Chain;
        }
        else slot = _nets.Grow();
        var bits = prefix.Address.Bits;
        ref var entry = ref _nets[slot];
        entry = new NetEntry { Address = (uint)bits, Length = (byte)prefix.Length, IsV6 = prefix.IsV6 };
        if (prefix.IsV6)
        {
            _v6High ??= new SlotArray<UInt128>(NetSegmentBits);
            while (_v6High.Length <= slot) _v6High.Grow();
            _v6High[slot] = bits >> 32;
        }
        return slot;
    }

    /// <summary>A new route of network <paramref name="net"/>, not yet linked into its list.</summary>
    public int NewRoute(int net, RouteAttributes attributes, Channel sender, int preference, bool filtered, long lastModifiedMs)
    {
        ReleaseRetired();
        int slot;
        if (_freeRoutes != 0)
        {
            slot = _freeRoutes;
            _freeRoutes = _routes[slot].Next;
        }
        else slot = _routes.Grow();
        var packed = RouteEntry.Pack(preference, filtered, lastModifiedMs);
        if (!ReferenceEquals(attributes.Protocol, sender.Protocol) || !ReferenceEquals(sender.Protocol.MainChannel, sender))
        {
            (_senders ??= [])[slot] = sender;
            packed |= RouteEntry.ForwardedBit;
        }
        _routes[slot] = new RouteEntry { Attributes = attributes, Packed = packed, Net = net };
        return slot;
    }

    /// <summary>The prefix of network <paramref name="net"/>.</summary>
    public Prefix PrefixOf(int net)
    {
        ref var entry = ref _nets[net];
        return entry.IsV6
            ? new Prefix(IpAddress.V6((_v6High![net] << 32) | entry.Address), entry.Length)
            : new Prefix(IpAddress.V4(entry.Address), entry.Length);
    }

    public bool Matches(int net, in Prefix prefix)
    {
        ref var entry = ref _nets[net];
        if (entry.Length != prefix.Length || entry.IsV6 != prefix.IsV6) return false;
        var bits = prefix.Address.Bits;
        return entry.Address == (uint)bits && (!entry.IsV6 || _v6High![net] == bits >> 32);
    }

    public uint HashOf(int net)
    {
        ref var entry = ref _nets[net];
        if (!entry.IsV6) return NetworkIndex.Hash(entry.Address, 0, entry.Length, false);
        var bits = (_v6High![net] << 32) | entry.Address;
        return NetworkIndex.Hash((ulong)bits, (ulong)(bits >> 64), entry.Length, true);
    }

    /// <summary>Route <paramref name="slot"/> left its network: free it once the current work item is over.</summary>
    public void RetireRoute(int slot)
    {
        if (StartRetiring()) _retiredRoutes.Add(slot);
    }

    /// <summary>Network <paramref name="slot"/> left the index: free it once the current work item is over.</summary>
    public void RetireNetwork(int slot)
    {
        if (StartRetiring()) _retiredNets.Add(slot);
    }

    private bool StartRetiring()
    {
        var item = _loop?.CurrentWorkItem ?? -1;
        if (item < 0) return false;
        ReleaseRetired();
        _retiredIn = item;
        return true;
    }

    /// <summary>Frees the slots retired by a work item that has ended.</summary>
    private void ReleaseRetired()
    {
        if (_retiredIn < 0 || _loop is null) return;
        var item = _loop.CurrentWorkItem;
        if (item < 0 || item == _retiredIn) return;
        foreach (var slot in _retiredRoutes)
        {
            ref var entry = ref _routes[slot];
            if ((entry.Packed & RouteEntry.ForwardedBit) != 0) _senders!.Remove(slot);
            entry = new RouteEntry { Next = _freeRoutes };
            _freeRoutes = slot;
        }
        foreach (var slot in _retiredNets)
        {
            _nets[slot] = new NetEntry { Chain = _freeNets };
            _freeNets = slot;
        }
        _retiredRoutes.Clear();
        _retiredNets.Clear();
        _retiredIn = -1;
    }
}
