using System.Text;

namespace Bgpd.Filters.Values;

/// <summary>One AS_PATH segment: an ordered AS_SEQUENCE or an unordered AS_SET.</summary>
public readonly record struct PathSegment(bool IsSet, uint[] Asns);

/// <summary>
/// An immutable BGP AS path as the filter language sees it (<c>bgppath</c>). Operations return
/// new paths; the segment arrays are never mutated once built.
/// </summary>
public sealed class BgpPath : IEquatable<BgpPath>
{
    public static readonly BgpPath Empty = new([]);

    public PathSegment[] Segments { get; }

    public BgpPath(PathSegment[] segments) => Segments = segments;

    public static BgpPath Sequence(params uint[] asns) => asns.Length == 0 ? Empty : new([new PathSegment(false, asns)]);

    public bool IsEmpty => Segments.Length == 0;

    /// <summary>The route attribute object this path was read from, if any (lets an unmodified path be written back as is).</summary>
    public object? Origin { get; init; }

    /// <summary>Path length as BGP counts it: every sequence member counts, a set counts once.</summary>
    public int Length
    {
        get
        {
            var n = 0;
            foreach (var s in Segments) n += s.IsSet ? 1 : s.Asns.Length;
            return n;
        }
    }

    /// <summary>The neighbouring AS (first of a leading sequence), 0 when there is none.</summary>
    public uint First => Segments.Length > 0 && !Segments[0].IsSet && Segments[0].Asns.Length > 0 ? Segments[0].Asns[0] : 0;

    /// <summary>The origin AS (last of a trailing sequence), 0 when the path ends with a set or is empty.</summary>
    public uint Last => Segments.Length > 0 && !Segments[^1].IsSet && Segments[^1].Asns.Length > 0 ? Segments[^1].Asns[^1] : 0;

    /// <summary>Last AS of the sequence part before any AS_SET (the origin of an aggregate).</summary>
    public uint LastNonAggregated
    {
        get
        {
            uint res = 0;
            foreach (var s in Segments)
            {
                if (s.IsSet) break;
                if (s.Asns.Length > 0) res = s.Asns[^1];
            }
            return res;
        }
    }

    public BgpPath Prepend(uint asn)
    {
        if (Segments.Length > 0 && !Segments[0].IsSet && Segments[0].Asns.Length < 255)
        {
            var first = Segments[0].Asns;
            var asns = new uint[first.Length + 1];
            asns[0] = asn;
            first.CopyTo(asns, 1);
            var segs = (PathSegment[])Segments.Clone();
            segs[0] = new PathSegment(false, asns);
            return new BgpPath(segs);
        }
        var result = new PathSegment[Segments.Length + 1];
        result[0] = new PathSegment(false, [asn]);
        Segments.CopyTo(result, 1);
        return new BgpPath(result);
    }

    public bool Contains(uint asn)
    {
        foreach (var s in Segments)
            foreach (var a in s.Asns)
                if (a == asn) return true;
        return false;
    }

    public bool Any(Func<uint, bool> predicate)
    {
        foreach (var s in Segments)
            foreach (var a in s.Asns)
                if (predicate(a)) return true;
        return false;
    }

    /// <summary>Keeps the ASNs for which <paramref name="keep"/> holds; emptied segments disappear.</summary>
    public BgpPath Where(Func<uint, bool> keep)
    {
        var segs = new List<PathSegment>(Segments.Length);
        var changed = false;
        foreach (var s in Segments)
        {
            var kept = s.Asns.Where(keep).ToArray();
            if (kept.Length != s.Asns.Length) changed = true;
            if (kept.Length > 0) segs.Add(new PathSegment(s.IsSet, kept));
        }
        return changed ? new BgpPath(segs.ToArray()) : this;
    }

    /// <summary>ASNs in order, one position per sequence member and one per set (the set's members).</summary>
    public IEnumerable<uint> AllAsns => Segments.SelectMany(s => s.Asns);

    public bool Equals(BgpPath? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Segments.Length != other.Segments.Length) return false;
        for (var i = 0; i < Segments.Length; i++)
            if (Segments[i].IsSet != other.Segments[i].IsSet || !Segments[i].Asns.AsSpan().SequenceEqual(other.Segments[i].Asns)) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is BgpPath p && Equals(p);
    public override int GetHashCode() => Length;

    /// <summary>The path as BIRD 1.6 prints it: <c>65001 65002 { 65003 65004 }</c>.</summary>
    public string FormatBare()
    {
        var sb = new StringBuilder();
        foreach (var s in Segments)
        {
            if (s.IsSet)
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append('{');
            }
            foreach (var asn in s.Asns)
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(asn);
            }
            if (s.IsSet) sb.Append(" }");
        }
        return sb.ToString();
    }
}
