using Bgpd.Net;
using Bgpd.Rib.Attributes;
using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Tables;

/// <summary>
/// One route in a table (BIRD's `rte`): the network it belongs to, its interned attributes, the
/// channel that put it there, its preference and when it last changed. Immutable; an update
/// replaces the object. Kept small: four references and two scalars.
/// </summary>
public sealed class Route
{
    private readonly long _lastModifiedMs;
    private readonly ushort _preference;
    private readonly bool _filtered;

    internal Route(Network net, RouteAttributes attributes, Channel sender, int preference, bool filtered, long lastModifiedMs)
    {
        Network = net;
        Attributes = attributes;
        Sender = sender;
        _preference = (ushort)Math.Clamp(preference, 0, ushort.MaxValue);
        _filtered = filtered;
        _lastModifiedMs = lastModifiedMs;
    }

    /// <summary>The network entry holding this route.</summary>
    public Network Network { get; }
    /// <summary>The route's network.</summary>
    public Prefix Prefix => Network.Prefix;
    /// <summary>Interned attributes.</summary>
    public RouteAttributes Attributes { get; }
    /// <summary>Channel that imported the route into the table (for piped routes: the pipe's channel).</summary>
    public Channel Sender { get; }
    /// <summary>Originating protocol (BIRD src->proto; shown as `[name time]`).</summary>
    public Protocol? Source => Attributes.Protocol;
    /// <summary>Route preference (BIRD rte->pref).</summary>
    public int Preference => _preference;
    /// <summary>Rejected by the import filter but kept (`import keep filtered`): never best, never exported.</summary>
    public bool IsFiltered => _filtered;
    /// <summary>When the route was last changed (BIRD rte->lastmod; shown in `show route`).</summary>
    public DateTimeOffset LastModified => DateTimeOffset.FromUnixTimeMilliseconds(_lastModifiedMs);
    /// <summary>True when this route is the selected best route of its network.</summary>
    public bool IsBest => ReferenceEquals(Network.Best, this);
    /// <summary>Milliseconds since the Unix epoch of <see cref="LastModified"/> (kept when only the next hop is re-resolved).</summary>
    internal long LastModifiedMs => _lastModifiedMs;
    /// <summary>
    /// Set by the originating protocol's selection hook: the route lost in its group and only competes
    /// when no unsuppressed route is left (BGP `deterministic med`, BIRD u.bgp.suppressed).
    /// </summary>
    public bool Suppressed { get; set; }
    /// <summary>Marked by <see cref="Protocols.Channel.BeginRefresh"/> and not announced again since (BIRD REF_STALE).</summary>
    public bool IsStale { get; internal set; }
    /// <summary>Next route of the same network (best first, then the others).</summary>
    public Route? Next { get; internal set; }

    public override string ToString() => $"{Prefix} {Attributes} [{Source?.Name}] ({Preference}){(IsFiltered ? " filtered" : "")}";
}
