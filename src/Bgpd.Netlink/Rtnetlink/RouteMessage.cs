using Bgpd.Net;

namespace Bgpd.Netlink.Rtnetlink;

/// <summary>One next hop of an RTA_MULTIPATH route (struct rtnexthop + its RTA_GATEWAY/RTA_VIA/RTA_FLOW).
/// <see cref="Weight"/> is rtnh_hops + 1 as BIRD and iproute2 print it.</summary>
public readonly record struct NextHop(IpAddress? Gateway, int InterfaceIndex, int Weight = 1, uint Flags = 0, uint? Flow = null)
{
    public bool IsOnlink => (Flags & RouteFlags.NextHopOnlink) != 0;
}

/// <summary>A decoded (or to-be-encoded) RTM_NEWROUTE/RTM_DELROUTE. Optional attributes are null when
/// absent. Single-path routes use <see cref="Gateway"/>/<see cref="OutputInterface"/> and the onlink bit
/// in <see cref="Flags"/>; multipath routes carry <see cref="NextHops"/> instead.</summary>
public readonly record struct RouteMessage
{
    public Prefix Destination { get; init; }
    public byte SourceLength { get; init; }
    public byte Tos { get; init; }
    public uint Table { get; init; }
    public byte Protocol { get; init; }
    public byte Scope { get; init; }
    public RouteType Type { get; init; }
    public uint Flags { get; init; }
    public IpAddress? Gateway { get; init; }
    public int OutputInterface { get; init; }
    public int InputInterface { get; init; }
    public uint Priority { get; init; }
    public IpAddress? PreferredSource { get; init; }
    public uint? Flow { get; init; }
    public RouteMetrics? Metrics { get; init; }
    public NextHop[]? NextHops { get; init; }

    public bool IsV6 => Destination.IsV6;
    public bool IsOnlink => (Flags & RouteFlags.NextHopOnlink) != 0;
    public bool IsMultipath => NextHops is { Length: > 0 };

    /// <summary>The identity the kernel uses to tell routes apart within a table (for our purposes).</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(Type == RouteType.Unicast ? "" : Type.ToString().ToLowerInvariant() + " ").Append(Destination);
        if (Gateway is { } gw) sb.Append(" via ").Append(gw);
        if (OutputInterface != 0) sb.Append(" oif ").Append(OutputInterface);
        if (NextHops is { } hops)
            foreach (var h in hops)
                sb.Append(" nexthop via ").Append(h.Gateway?.ToString() ?? "-").Append(" oif ").Append(h.InterfaceIndex).Append(" weight ").Append(h.Weight);
        sb.Append(" table ").Append(Table).Append(" proto ").Append(Protocol).Append(" scope ").Append(Scope);
        if (Priority != 0) sb.Append(" metric ").Append(Priority);
        if (PreferredSource is { } src) sb.Append(" src ").Append(src);
        if (IsOnlink) sb.Append(" onlink");
        return sb.ToString();
    }
}

/// <summary>RTA_METRICS values (RTAX_*), allocated only for routes that carry metrics.</summary>
public sealed class RouteMetrics : IEquatable<RouteMetrics>
{
    private readonly uint[] _values = new uint[MetricAttr.Max + 1];
    private uint _present;

    public uint? this[int index]
    {
        get => index is > 0 and <= MetricAttr.Max && (_present & (1u << index)) != 0 ? _values[index] : null;
        set
        {
            if (index is <= 0 or > MetricAttr.Max)
                throw new ArgumentOutOfRangeException(nameof(index));
            if (value is { } v) { _values[index] = v; _present |= 1u << index; }
            else { _values[index] = 0; _present &= ~(1u << index); }
        }
    }

    public bool IsEmpty => _present == 0;

    public IEnumerable<(int Index, uint Value)> Present()
    {
        for (var i = 1; i <= MetricAttr.Max; i++)
            if ((_present & (1u << i)) != 0)
                yield return (i, _values[i]);
    }

    public bool Equals(RouteMetrics? other) =>
        other is not null && other._present == _present && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as RouteMetrics);
    public override int GetHashCode() => HashCode.Combine(_present, _values[MetricAttr.Mtu]);
}
