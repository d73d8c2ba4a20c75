using System.Collections.Immutable;
using System.Text;

namespace Bgpd.Rib.Attributes;

/// <summary>AS path segment types, as on the wire (RFC 4271, RFC 5065).</summary>
public enum AsPathSegmentType : byte
{
    /// <summary>AS_SET: unordered; counts as one hop.</summary>
    Set = 1,
    /// <summary>AS_SEQUENCE: ordered, nearest AS first.</summary>
    Sequence = 2,
    /// <summary>AS_CONFED_SEQUENCE.</summary>
    ConfedSequence = 3,
    /// <summary>AS_CONFED_SET.</summary>
    ConfedSet = 4,
}

/// <summary>One AS path segment.</summary>
public readonly record struct AsPathSegment(AsPathSegmentType Type, ImmutableArray<uint> Asns)
{
    public bool Equals(AsPathSegment other) => Type == other.Type && Asns.AsSpan().SequenceEqual(other.Asns.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        foreach (var asn in Asns) hash.Add(asn);
        return hash.ToHashCode();
    }
}

/// <summary>An immutable BGP AS path (4-byte ASNs), value-equal.</summary>
public sealed class AsPath : IEquatable<AsPath>
{
    /// <summary>The empty path (iBGP-originated, or locally originated routes).</summary>
    public static readonly AsPath Empty = new(ImmutableArray<AsPathSegment>.Empty);

    private readonly int _hash;

    public AsPath(ImmutableArray<AsPathSegment> segments)
    {
        Segments = segments.IsDefault ? ImmutableArray<AsPathSegment>.Empty : segments;
        var hash = new HashCode();
        foreach (var segment in Segments) hash.Add(segment);
        _hash = hash.ToHashCode();
    }

    /// <summary>A path that is one AS_SEQUENCE of <paramref name="asns"/> (empty input gives <see cref="Empty"/>).</summary>
    public static AsPath FromSequence(params uint[] asns) =>
        asns.Length == 0 ? Empty : new([new AsPathSegment(AsPathSegmentType.Sequence, [.. asns])]);

    /// <summary>The segments in wire order.</summary>
    public ImmutableArray<AsPathSegment> Segments { get; }

    /// <summary>Path length as BGP counts it (a set counts as 1; confederation segments count 0), BIRD's as_path_getlen.</summary>
    public int Length
    {
        get
        {
            var length = 0;
            foreach (var s in Segments)
                length += s.Type switch { AsPathSegmentType.Sequence => s.Asns.Length, AsPathSegmentType.Set => 1, _ => 0 };
            return length;
        }
    }

    /// <summary>The leftmost AS (the neighbour), or null when the path starts with a set or is empty.</summary>
    public uint? FirstAs =>
        Segments.Length > 0 && Segments[0].Type == AsPathSegmentType.Sequence && Segments[0].Asns.Length > 0 ? Segments[0].Asns[0] : null;

    /// <summary>The rightmost AS (the origin), or null when the path ends with a set or is empty; BIRD's as_path_get_last.</summary>
    public uint? LastAs
    {
        get
        {
            if (Segments.Length == 0) return null;
            var last = Segments[^1];
            return last.Type == AsPathSegmentType.Sequence && last.Asns.Length > 0 ? last.Asns[^1] : null;
        }
    }

    /// <summary>True when <paramref name="asn"/> occurs anywhere in the path.</summary>
    public bool Contains(uint asn)
    {
        foreach (var s in Segments)
            if (s.Asns.Contains(asn)) return true;
        return false;
    }

    /// <summary>The path with <paramref name="asn"/> prepended to the leading sequence (a new one if needed; max 255 per segment).</summary>
    public AsPath Prepend(uint asn)
    {
        if (Segments.Length > 0 && Segments[0].Type == AsPathSegmentType.Sequence && Segments[0].Asns.Length < 255)
            return new(Segments.SetItem(0, Segments[0] with { Asns = Segments[0].Asns.Insert(0, asn) }));
        return new(Segments.Insert(0, new AsPathSegment(AsPathSegmentType.Sequence, [asn])));
    }

    /// <summary>BIRD 1.6 as_path_format: numbers separated by spaces, sets as "{ 1 2 }".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var segment in Segments)
        {
            var isSet = segment.Type == AsPathSegmentType.Set;
            if (isSet)
            {
                if (text.Length > 0) text.Append(' ');
                text.Append('{');
            }
            foreach (var asn in segment.Asns)
            {
                if (text.Length > 0) text.Append(' ');
                text.Append(asn);
            }
            if (isSet) text.Append(" }");
        }
        return text.ToString();
    }

    public bool Equals(AsPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash || other.Segments.Length != Segments.Length) return false;
        for (var i = 0; i < Segments.Length; i++)
            if (!Segments[i].Equals(other.Segments[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as AsPath);
    public override int GetHashCode() => _hash;
}
