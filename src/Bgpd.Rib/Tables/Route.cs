using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Tables;

/// <summary>
/// One route in a table (BIRD's `rte`): the network it belongs to, its interned attributes, the
/// channel that put it there, its preference and when it last changed. A handle (the table's storage
/// and a slot, <see cref="TableStore"/>): the route itself is a 24-byte struct in the table, not an
/// object. An update replaces the route with another slot. A handle stays readable after its route
/// was replaced or withdrawn until the routing loop's work item that did it ends (the exports of the
/// change read it); do not keep handles longer than that.
/// </summary>
public readonly struct Route : IEquatable<Route>
{
    private readonly TableStore _store;
    private readonly int _slot;

    internal Route(TableStore store, int slot)
    {
        _store = store;
        _slot = slot;
    }

    internal int Slot => _slot;
    internal TableStore Store => _store;
    private ref RouteEntry Entry => ref _store.RouteAt(_slot);

    /// <summary>The network entry holding this route.</summary>
    public Network Network => new(_store, Entry.Net);
    /// <summary>The route's network.</summary>
    public Prefix Prefix => _store.PrefixOf(Entry.Net);
    /// <summary>Interned attributes.</summary>
    public RouteAttributes Attributes => Entry.Attributes!;
    /// <summary>Channel that imported the route into the table (for piped routes: the pipe's channel).</summary>
    public Channel Sender => (Entry.Packed & RouteEntry.ForwardedBit) != 0 ? _store.SenderOf(_slot) : Attributes.Protocol!.MainChannel!;
    /// <summary>Originating protocol (BIRD src->proto; shown as `[name time]`).</summary>
    public Protocol? Source => Attributes.Protocol;
    /// <summary>Route preference (BIRD rte->pref).</summary>
    public int Preference => (ushort)Entry.Packed;
    /// <summary>Rejected by the import filter but kept (`import keep filtered`): never best, never exported.</summary>
    public bool IsFiltered => (Entry.Packed & RouteEntry.FilteredBit) != 0;
    /// <summary>When the route was last changed (BIRD rte->lastmod; shown in `show route`).</summary>
    public DateTimeOffset LastModified => DateTimeOffset.FromUnixTimeMilliseconds(LastModifiedMs);
    /// <summary>True when this route is the selected best route of its network.</summary>
    public bool IsBest => Network.Best == this;
    /// <summary>Milliseconds since the Unix epoch of <see cref="LastModified"/> (kept when only the next hop is re-resolved).</summary>
    internal long LastModifiedMs => (long)(Entry.Packed >> RouteEntry.TimeShift);
    /// <summary>
    /// Set by the originating protocol's selection hook: the route lost in its group and only competes
    /// when no unsuppressed route is left (BGP `deterministic med`, BIRD u.bgp.suppressed).
    /// </summary>
    public bool Suppressed { get => (Entry.Packed & RouteEntry.SuppressedBit) != 0; set => SetFlag(RouteEntry.SuppressedBit, value); }
    /// <summary>Marked by <see cref="Protocols.Channel.BeginRefresh"/> and not announced again since (BIRD REF_STALE).</summary>
    public bool IsStale { get => (Entry.Packed & RouteEntry.StaleBit) != 0; internal set => SetFlag(RouteEntry.StaleBit, value); }
    /// <summary>Next route of the same network (best first, then the others).</summary>
    public Route? Next => Entry.Next == 0 ? null : new Route(_store, Entry.Next);
    /// <summary>Slot of <see cref="Next"/> (0 = none).</summary>
    internal int NextSlot { get => Entry.Next; set => Entry.Next = value; }

    private void SetFlag(ulong bit, bool on)
    {
        ref var packed = ref Entry.Packed;
        packed = on ? packed | bit : packed & ~bit;
    }

    public bool Equals(Route other) => _slot == other._slot && ReferenceEquals(_store, other._store);
    public override bool Equals(object? obj) => obj is Route other && Equals(other);
    public override int GetHashCode() => _slot;
    public static bool operator ==(Route a, Route b) => a.Equals(b);
    public static bool operator !=(Route a, Route b) => !a.Equals(b);

    public override string ToString() => _store is null
        ? "(no route)"
        : $"{Prefix} {Attributes} [{Source?.Name}] ({Preference}){(IsFiltered ? " filtered" : "")}";
}
