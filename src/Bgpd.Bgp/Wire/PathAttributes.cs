using Bgpd.Net;

namespace Bgpd.Bgp.Wire;

/// <summary>
/// The path attributes of an UPDATE, decoded (AS4_PATH/AS4_AGGREGATOR already merged) or to encode.
/// MP_REACH/MP_UNREACH live on <see cref="UpdateMessage"/>, not here. Value equality over every field.
/// </summary>
public sealed class PathAttributes : IEquatable<PathAttributes>
{
    public Origin? Origin { get; set; }
    public AsPath? AsPath { get; set; }
    /// <summary>NEXT_HOP attribute (IPv4).</summary>
    public IpAddress? NextHop { get; set; }
    public uint? Med { get; set; }
    public uint? LocalPref { get; set; }
    public bool AtomicAggregate { get; set; }
    public Aggregator? Aggregator { get; set; }
    public uint[]? Communities { get; set; }
    public uint? OriginatorId { get; set; }
    public uint[]? ClusterList { get; set; }
    public ulong[]? ExtendedCommunities { get; set; }
    public LargeCommunity[]? LargeCommunities { get; set; }
    /// <summary>Only to Customer (RFC 9234).</summary>
    public uint? OnlyToCustomer { get; set; }
    /// <summary>Optional transitive attributes bgpd does not interpret, in received order.</summary>
    public List<RawAttribute>? Unknown { get; set; }

    public PathAttributes Clone()
    {
        var copy = (PathAttributes)MemberwiseClone();
        copy.Unknown = Unknown is null ? null : [.. Unknown];
        return copy;
    }

    public bool Equals(PathAttributes? other) =>
        other is not null &&
        Origin == other.Origin &&
        Equals(AsPath, other.AsPath) &&
        NextHop == other.NextHop &&
        Med == other.Med &&
        LocalPref == other.LocalPref &&
        AtomicAggregate == other.AtomicAggregate &&
        Aggregator == other.Aggregator &&
        SameArray(Communities, other.Communities) &&
        OriginatorId == other.OriginatorId &&
        SameArray(ClusterList, other.ClusterList) &&
        SameArray(ExtendedCommunities, other.ExtendedCommunities) &&
        SameArray(LargeCommunities, other.LargeCommunities) &&
        OnlyToCustomer == other.OnlyToCustomer &&
        (Unknown ?? []).SequenceEqual(other.Unknown ?? []);

    private static bool SameArray<T>(T[]? a, T[]? b) where T : IEquatable<T> =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    public override bool Equals(object? obj) => obj is PathAttributes other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Origin);
        hash.Add(AsPath);
        hash.Add(NextHop);
        hash.Add(Med);
        hash.Add(LocalPref);
        hash.Add(AtomicAggregate);
        hash.Add(Aggregator);
        hash.Add(OriginatorId);
        hash.Add(OnlyToCustomer);
        if (Communities is not null) foreach (var c in Communities) hash.Add(c);
        if (ClusterList is not null) foreach (var c in ClusterList) hash.Add(c);
        if (ExtendedCommunities is not null) foreach (var c in ExtendedCommunities) hash.Add(c);
        if (LargeCommunities is not null) foreach (var c in LargeCommunities) hash.Add(c);
        return hash.ToHashCode();
    }
}
