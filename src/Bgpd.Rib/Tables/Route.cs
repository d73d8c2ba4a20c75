using System.Runtime.CompilerServices;
using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Tables;

/// <summary>
/// One route in a table (BIRD's `rte`): the network it belongs to, its interned attributes, the
/// channel that put it there, its preference and when it last changed. Immutable; an update
/// replaces the object. Kept small: two references and one word holding the preference, the flags
/// and the modification time. A network's first route lives in the <see cref="Tables.Network"/>
/// object itself (one object for the common one-route network); later ones are separate objects
/// (48 bytes) that point to their network. The sending channel is the originating protocol's main
/// channel unless the route came another way (a pipe): only then is it stored, in a <see cref="ForwardedRoute"/>.
/// </summary>
public abstract class Route
{
    // Bits 0-15 preference, 16 filtered, 17 suppressed, 18 stale, 19 stored in its network, 20-63 milliseconds since the Unix epoch.
    private ulong _packed;
    private const int TimeShift = 20;
    private const ulong FilteredBit = 1UL << 16, SuppressedBit = 1UL << 17, StaleBit = 1UL << 18, InNetworkBit = 1UL << 19;
    private const long MaxTimeMs = (long)(ulong.MaxValue >> TimeShift);

    private protected Route(RouteAttributes attributes, int preference, bool filtered, long lastModifiedMs, bool inNetwork)
    {
        Attributes = attributes;
        _packed = (ushort)Math.Clamp(preference, 0, ushort.MaxValue) | (filtered ? FilteredBit : 0)
            | ((ulong)Math.Clamp(lastModifiedMs, 0, MaxTimeMs) << TimeShift)
            | (inNetwork ? InNetworkBit : 0);
    }

    /// <summary>A network's route storage left empty (its first route needed a separate object).</summary>
    private protected Route()
    {
        Attributes = null!;
        _packed = InNetworkBit;
    }

    /// <summary>A route that is not the first of a new network.</summary>
    internal static Route Create(Network net, RouteAttributes attributes, Channel sender, int preference, bool filtered, long lastModifiedMs) =>
        IsPlain(attributes, sender)
            ? new SeparateRoute(net, attributes, preference, filtered, lastModifiedMs)
            : new ForwardedRoute(net, attributes, sender, preference, filtered, lastModifiedMs);

    /// <summary>The first route of a new network, and so the network (not yet in any table): one object when it can.</summary>
    internal static Route CreateFirst(in Prefix prefix, RouteAttributes attributes, Channel sender, int preference, bool filtered, long lastModifiedMs)
    {
        if (IsPlain(attributes, sender)) return Network.CreateWithRoute(prefix, attributes, preference, filtered, lastModifiedMs);
        return Create(Network.CreateEmpty(prefix), attributes, sender, preference, filtered, lastModifiedMs);
    }

    private static bool IsPlain(RouteAttributes attributes, Channel sender) =>
        ReferenceEquals(attributes.Protocol, sender.Protocol) && ReferenceEquals(sender.Protocol.MainChannel, sender);

    /// <summary>The network entry holding this route.</summary>
    public Network Network => (_packed & InNetworkBit) != 0 ? Unsafe.As<Network>(this) : Unsafe.As<SeparateRoute>(this).Owner;
    /// <summary>The route's network.</summary>
    public Prefix Prefix => Network.Prefix;
    /// <summary>Interned attributes.</summary>
    public RouteAttributes Attributes { get; }
    /// <summary>Channel that imported the route into the table (for piped routes: the pipe's channel).</summary>
    public Channel Sender => this is ForwardedRoute forwarded ? forwarded.SendingChannel : Attributes.Protocol!.MainChannel!;
    /// <summary>Originating protocol (BIRD src->proto; shown as `[name time]`).</summary>
    public Protocol? Source => Attributes.Protocol;
    /// <summary>Route preference (BIRD rte->pref).</summary>
    public int Preference => (ushort)_packed;
    /// <summary>Rejected by the import filter but kept (`import keep filtered`): never best, never exported.</summary>
    public bool IsFiltered => (_packed & FilteredBit) != 0;
    /// <summary>When the route was last changed (BIRD rte->lastmod; shown in `show route`).</summary>
    public DateTimeOffset LastModified => DateTimeOffset.FromUnixTimeMilliseconds(LastModifiedMs);
    /// <summary>True when this route is the selected best route of its network.</summary>
    public bool IsBest => ReferenceEquals(Network.Best, this);
    /// <summary>Milliseconds since the Unix epoch of <see cref="LastModified"/> (kept when only the next hop is re-resolved).</summary>
    internal long LastModifiedMs => (long)(_packed >> TimeShift);
    /// <summary>
    /// Set by the originating protocol's selection hook: the route lost in its group and only competes
    /// when no unsuppressed route is left (BGP `deterministic med`, BIRD u.bgp.suppressed).
    /// </summary>
    public bool Suppressed { get => (_packed & SuppressedBit) != 0; set => SetFlag(SuppressedBit, value); }
    /// <summary>Marked by <see cref="Protocols.Channel.BeginRefresh"/> and not announced again since (BIRD REF_STALE).</summary>
    public bool IsStale { get => (_packed & StaleBit) != 0; internal set => SetFlag(StaleBit, value); }
    /// <summary>Next route of the same network (best first, then the others).</summary>
    public Route? Next { get; internal set; }

    private void SetFlag(ulong bit, bool on) => _packed = on ? _packed | bit : _packed & ~bit;

    public override string ToString() => $"{Prefix} {Attributes} [{Source?.Name}] ({Preference}){(IsFiltered ? " filtered" : "")}";
}

/// <summary>A route stored apart from its network (not the network's first, or replaced since).</summary>
internal class SeparateRoute(Network net, RouteAttributes attributes, int preference, bool filtered, long lastModifiedMs)
    : Route(attributes, preference, filtered, lastModifiedMs, inNetwork: false)
{
    internal readonly Network Owner = net;
}

/// <summary>A route whose sending channel is not its originating protocol's main channel (piped, or imported for another protocol).</summary>
internal sealed class ForwardedRoute(Network net, RouteAttributes attributes, Channel sender, int preference, bool filtered, long lastModifiedMs)
    : SeparateRoute(net, attributes, preference, filtered, lastModifiedMs)
{
    internal readonly Channel SendingChannel = sender;
}
