using System.Collections.Immutable;
using Bgpd.Net;
using Bgpd.Rib.NextHops;
using Bgpd.Rib.Protocols;

namespace Bgpd.Rib.Attributes;

/// <summary>
/// The attributes of a route (BIRD's `rta`): immutable and, once passed through an
/// <see cref="AttributeCache"/>, interned so equal sets are one object shared by many routes.
/// Route identity in a table is (originating <see cref="Protocol"/>, <see cref="PathId"/>), BIRD's rte_src.
/// </summary>
public sealed class RouteAttributes : IEquatable<RouteAttributes>
{
    /// <summary>BIRD's IGP_METRIC_UNKNOWN: no IGP metric known for the next hop.</summary>
    public const uint IgpMetricUnknown = 0x80000000;

    private readonly int _hash;
    private int _uses;

    /// <summary>Creates an uninterned attribute set; intern it with <see cref="AttributeCache.Intern"/> (tables do so on import).</summary>
    public RouteAttributes(
        Protocol? protocol,
        RouteSource source,
        RouteDest dest,
        ImmutableArray<NextHop> nextHops = default,
        EaList? attributes = null,
        RouteScope scope = RouteScope.Universe,
        RouteCast cast = RouteCast.Unicast,
        IpAddress from = default,
        uint igpMetric = IgpMetricUnknown,
        bool recursive = false,
        uint pathId = 0,
        HostEntry? hostEntry = null)
    {
        nextHops = nextHops.IsDefault ? [] : nextHops;
        switch (dest)
        {
            case RouteDest.Router or RouteDest.Device when nextHops.Length != 1:
                throw new ArgumentException($"a {dest} route has exactly one next hop, not {nextHops.Length}", nameof(nextHops));
            case RouteDest.Multipath when nextHops.Length < 1:
                throw new ArgumentException("a multipath route needs next hops", nameof(nextHops));
            case RouteDest.Blackhole or RouteDest.Unreachable or RouteDest.Prohibit or RouteDest.None when nextHops.Length != 0:
                throw new ArgumentException($"a {dest} route has no next hops", nameof(nextHops));
        }
        Protocol = protocol;
        Source = source;
        Dest = dest;
        NextHops = nextHops;
        Attributes = attributes ?? EaList.Empty;
        Scope = scope;
        Cast = cast;
        From = from;
        IgpMetric = igpMetric;
        IsRecursive = recursive || hostEntry is not null;
        HostEntry = hostEntry;
        PathId = pathId;
        _hash = ComputeHash();
    }

    /// <summary>Protocol instance that originated the route (BIRD src->proto); kept across transparent pipes.</summary>
    public Protocol? Protocol { get; }
    /// <summary>Path identifier within the originating protocol (BGP ADD-PATH; 0 otherwise).</summary>
    public uint PathId { get; }
    /// <summary>Route source (RTS_*).</summary>
    public RouteSource Source { get; }
    /// <summary>Route scope (SCOPE_*).</summary>
    public RouteScope Scope { get; }
    /// <summary>Casting type (always unicast in practice).</summary>
    public RouteCast Cast { get; }
    /// <summary>Destination type (RTD_*).</summary>
    public RouteDest Dest { get; }
    /// <summary>Next hops: one for Router/Device, several for Multipath, none otherwise.</summary>
    public ImmutableArray<NextHop> NextHops { get; }
    /// <summary>Advertising router (BGP neighbour address), zero when none; `from` in filters and `[proto time from X]`.</summary>
    public IpAddress From { get; }
    /// <summary>IGP metric to the next hop (BGP route info prints it as pref/metric when <see cref="IsRecursive"/>).</summary>
    public uint IgpMetric { get; }
    /// <summary>Next hop resolved through a table (BIRD keeps a hostentry): BGP prints "(pref/igp_metric)".</summary>
    public bool IsRecursive { get; }
    /// <summary>The recursive next hop this route's destination follows (BIRD rta->hostentry), or null.</summary>
    public HostEntry? HostEntry { get; }
    /// <summary>Extended attributes (bgp_*, krt_*), sorted by id.</summary>
    public EaList Attributes { get; }

    /// <summary>Gateway of a single-next-hop route (zero otherwise); filters' `gw`.</summary>
    public IpAddress Gateway => NextHops.Length == 1 ? NextHops[0].Gateway : default;
    /// <summary>Interface of a single-next-hop route, else null; filters' `ifname`.</summary>
    public string? InterfaceName => NextHops.Length == 1 ? NextHops[0].InterfaceName : null;
    /// <summary>True once this object is the canonical instance in an <see cref="AttributeCache"/>.</summary>
    public bool IsInterned { get; internal set; }
    /// <summary>Number of table routes holding this instance (maintained by tables).</summary>
    public int Uses => Volatile.Read(ref _uses);

    internal void Retain() => Interlocked.Increment(ref _uses);
    internal int ReleaseOne() => Interlocked.Decrement(ref _uses);

    /// <summary>Shorthand for an extended attribute lookup.</summary>
    public bool TryGet(EaId id, out EaValue value) => Attributes.TryGet(id, out value);

    /// <summary>A copy with other extended attributes (uninterned).</summary>
    public RouteAttributes WithAttributes(EaList attributes) =>
        new(Protocol, Source, Dest, NextHops, attributes, Scope, Cast, From, IgpMetric, IsRecursive, PathId, HostEntry);

    /// <summary>A copy attributed to another originating protocol and source (opaque pipe re-origination; uninterned).</summary>
    public RouteAttributes WithOrigin(Protocol? protocol, RouteSource source, uint pathId = 0) =>
        new(protocol, source, Dest, NextHops, Attributes, Scope, Cast, From, IgpMetric, IsRecursive, pathId, HostEntry);

    /// <summary>A copy with another destination and next hops (uninterned).</summary>
    public RouteAttributes WithDestination(RouteDest dest, ImmutableArray<NextHop> nextHops, bool recursive = false) =>
        new(Protocol, Source, dest, nextHops, Attributes, Scope, Cast, From, IgpMetric, recursive, PathId);

    /// <summary>A copy following <paramref name="entry"/>: its destination, next hops and IGP metric (BIRD rta_apply_hostentry; uninterned).</summary>
    public RouteAttributes WithHostEntry(HostEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(Protocol, Source, entry.Dest, entry.NextHops, Attributes, Scope, Cast, From, entry.IgpMetric, true, PathId, entry);
    }

    private int ComputeHash()
    {
        var hash = new HashCode();
        hash.Add(Protocol);
        hash.Add(PathId);
        hash.Add(Source);
        hash.Add(Scope);
        hash.Add(Cast);
        hash.Add(Dest);
        foreach (var hop in NextHops) hash.Add(hop);
        hash.Add(From);
        hash.Add(IgpMetric);
        hash.Add(IsRecursive);
        hash.Add(HostEntry);
        hash.Add(Attributes.GetHashCode());
        return hash.ToHashCode();
    }

    public bool Equals(RouteAttributes? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash) return false;
        return ReferenceEquals(Protocol, other.Protocol) && PathId == other.PathId && Source == other.Source &&
               Scope == other.Scope && Cast == other.Cast && Dest == other.Dest && From == other.From &&
               IgpMetric == other.IgpMetric && IsRecursive == other.IsRecursive && ReferenceEquals(HostEntry, other.HostEntry) &&
               NextHops.AsSpan().SequenceEqual(other.NextHops.AsSpan()) && Attributes.Equals(other.Attributes);
    }

    public override bool Equals(object? obj) => Equals(obj as RouteAttributes);
    public override int GetHashCode() => _hash;

    public override string ToString() =>
        $"{Source.Name()} {Dest} [{string.Join(", ", NextHops)}] {Attributes}";
}
