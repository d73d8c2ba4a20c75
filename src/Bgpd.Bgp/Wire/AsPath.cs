using System.Globalization;
using System.Text;

namespace Bgpd.Bgp.Wire;

/// <summary>AS_PATH segment types (RFC 4271, RFC 5065).</summary>
public enum AsPathSegmentType : byte
{
    Set = 1,
    Sequence = 2,
    ConfedSequence = 3,
    ConfedSet = 4,
}

/// <summary>One AS_PATH segment; the AS numbers are always held as 4-octet values.</summary>
public readonly record struct AsPathSegment(AsPathSegmentType Type, uint[] Asns)
{
    public bool IsConfed => Type is AsPathSegmentType.ConfedSequence or AsPathSegmentType.ConfedSet;

    /// <summary>Contribution to the path length (RFC 4271 9.1.2.2): a sequence counts each AS, a set one, confederation segments none.</summary>
    public int PathLength => Type switch
    {
        AsPathSegmentType.Sequence => Asns.Length,
        AsPathSegmentType.Set => 1,
        _ => 0,
    };

    public bool Equals(AsPathSegment other) => Type == other.Type && Asns.AsSpan().SequenceEqual(other.Asns);
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        foreach (var asn in Asns) hash.Add(asn);
        return hash.ToHashCode();
    }
}

/// <summary>An immutable AS path with value equality.</summary>
public sealed class AsPath : IEquatable<AsPath>
{
    public static readonly AsPath Empty = new([]);

    public IReadOnlyList<AsPathSegment> Segments { get; }

    public AsPath(IReadOnlyList<AsPathSegment> segments) => Segments = segments;

    public static AsPath Sequence(params uint[] asns) =>
        asns.Length == 0 ? Empty : new AsPath([new AsPathSegment(AsPathSegmentType.Sequence, asns)]);

    public bool IsEmpty => Segments.Count == 0;

    /// <summary>Length for best-path selection (sets count one, confederation segments zero).</summary>
    public int Length
    {
        get
        {
            var length = 0;
            foreach (var segment in Segments) length += segment.PathLength;
            return length;
        }
    }

    /// <summary>The neighbouring AS: first AS of a leading AS_SEQUENCE, if any.</summary>
    public uint? FirstAs => Segments.Count > 0 && Segments[0].Type == AsPathSegmentType.Sequence && Segments[0].Asns.Length > 0 ? Segments[0].Asns[0] : null;

    public bool Contains(uint asn)
    {
        foreach (var segment in Segments)
            if (Array.IndexOf(segment.Asns, asn) >= 0) return true;
        return false;
    }

    public int Count(uint asn)
    {
        var count = 0;
        foreach (var segment in Segments)
            foreach (var a in segment.Asns)
                if (a == asn) count++;
        return count;
    }

    public bool HasWideAs()
    {
        foreach (var segment in Segments)
            foreach (var a in segment.Asns)
                if (a > ushort.MaxValue) return true;
        return false;
    }

    /// <summary>A new path with <paramref name="asn"/> in front (merged into a leading sequence when it has room).</summary>
    public AsPath Prepend(uint asn)
    {
        var segments = new List<AsPathSegment>(Segments.Count + 1);
        if (Segments.Count > 0 && Segments[0].Type == AsPathSegmentType.Sequence && Segments[0].Asns.Length < 255)
        {
            segments.Add(new AsPathSegment(AsPathSegmentType.Sequence, [asn, .. Segments[0].Asns]));
            segments.AddRange(Segments.Skip(1));
        }
        else
        {
            segments.Add(new AsPathSegment(AsPathSegmentType.Sequence, [asn]));
            segments.AddRange(Segments);
        }
        return new AsPath(segments);
    }

    /// <summary>
    /// RFC 6793 4.2.3: the leading part of this (2-octet) path, trimmed so that appending
    /// <paramref name="as4Path"/> gives the original length. When AS4_PATH is longer, this path stays.
    /// </summary>
    public AsPath MergeAs4(AsPath as4Path)
    {
        var keep = Length - as4Path.Length;
        if (keep < 0) return this;
        var merged = new List<AsPathSegment>();
        foreach (var segment in Segments)
        {
            if (keep <= 0 && !segment.IsConfed) break;
            if (segment.IsConfed) { merged.Add(segment); continue; }
            if (segment.Type == AsPathSegmentType.Set) { merged.Add(segment); keep--; continue; }
            var take = Math.Min(keep, segment.Asns.Length);
            merged.Add(take == segment.Asns.Length ? segment : new AsPathSegment(segment.Type, segment.Asns[..take]));
            keep -= take;
        }
        merged.AddRange(as4Path.Segments);
        return new AsPath(merged);
    }

    /// <summary>BIRD's spelling: sequences space-separated, sets in braces, confederation segments in parentheses.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var segment in Segments)
        {
            if (text.Length > 0) text.Append(' ');
            var (open, close) = segment.Type switch
            {
                AsPathSegmentType.Set => ("{", "}"),
                AsPathSegmentType.ConfedSequence => ("(", ")"),
                AsPathSegmentType.ConfedSet => ("({", "})"),
                _ => ("", ""),
            };
            text.Append(open).AppendJoin(' ', segment.Asns.Select(a => a.ToString(CultureInfo.InvariantCulture))).Append(close);
        }
        return text.ToString();
    }

    public bool Equals(AsPath? other) => other is not null && Segments.SequenceEqual(other.Segments);
    public override bool Equals(object? obj) => obj is AsPath other && Equals(other);
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in Segments) hash.Add(segment);
        return hash.ToHashCode();
    }
}
