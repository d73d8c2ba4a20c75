namespace Bgpd.Filters.Values;

/// <summary>
/// A set of ranges over one scalar element type (int, pair, quad, ip, ec, lc, rd, enum, or
/// string). Built once at compile time: ranges sorted by their low end with a running maximum of
/// high ends, so membership is one binary search (O(log n), no allocation) even when ranges overlap.
/// </summary>
public sealed class ValueSet
{
    public static readonly ValueSet Empty = new(FilterType.Void, [], []);

    public FilterType ElementType { get; }
    private readonly UInt128[] low;
    private readonly UInt128[] high;
    private readonly UInt128[] maxHigh;
    private readonly bool[] v6;
    private readonly string[] strings;

    private ValueSet(FilterType elementType, (UInt128 Lo, UInt128 Hi, bool V6)[] ranges, string[] strings)
    {
        ElementType = elementType;
        Array.Sort(ranges, (a, b) => a.Lo.CompareTo(b.Lo));
        low = ranges.Select(r => r.Lo).ToArray();
        high = ranges.Select(r => r.Hi).ToArray();
        v6 = ranges.Select(r => r.V6).ToArray();
        maxHigh = new UInt128[ranges.Length];
        for (var i = 0; i < ranges.Length; i++) maxHigh[i] = i == 0 ? high[0] : UInt128.Max(maxHigh[i - 1], high[i]);
        this.strings = strings;
        Array.Sort(this.strings, string.CompareOrdinal);
    }

    /// <summary>Builds a set from (from, to) value pairs of one type; a single element has from == to.</summary>
    public static ValueSet Build(IReadOnlyList<(Value From, Value To)> items)
    {
        if (items.Count == 0) return Empty;
        var type = items[0].From.Type;
        if (type == FilterType.String)
            return new ValueSet(type, [], items.Select(i => i.From.AsString).ToArray());
        var ranges = items.Select(i => (Key(i.From), Key(i.To), i.From.V6)).ToArray();
        return new ValueSet(type, ranges, []);
    }

    public int Count => low.Length + strings.Length;
    public bool IsEmpty => Count == 0;

    /// <summary>The ordering key of a scalar value inside a set.</summary>
    public static UInt128 Key(in Value v) => v.Type switch
    {
        FilterType.Ip => v.V6 ? v.Wide : ((UInt128)0xFFFF << 32) | v.Wide,
        FilterType.Lc => v.Wide,
        _ => v.Word,
    };

    public bool Contains(in Value v)
    {
        if (IsEmpty) return false;
        if (ElementType == FilterType.String)
            return v.Type == FilterType.String && Array.BinarySearch(strings, v.AsString, StringComparer.Ordinal) >= 0;
        if (v.Type != ElementType && !(v.Type == FilterType.Quad && ElementType == FilterType.Ip && !v6[0])) return false;
        var key = v.Type == FilterType.Quad && ElementType == FilterType.Ip ? ((UInt128)0xFFFF << 32) | v.Word : Key(v);
        return ContainsKey(key);
    }

    /// <summary>Membership of a word-sized key (int, pair, quad...) without building a <see cref="Value"/>.</summary>
    public bool ContainsWord(ulong key) => ContainsKey(key);

    private bool ContainsKey(UInt128 key)
    {
        int lo = 0, hi = low.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (low[mid] <= key) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found >= 0 && maxHigh[found] >= key;
    }

    /// <summary>Elements in order as (from, to) values, for printing and comparison.</summary>
    public IEnumerable<(Value From, Value To)> Ranges()
    {
        foreach (var s in strings) yield return (Value.Str(s), Value.Str(s));
        for (var i = 0; i < low.Length; i++) yield return (FromKey(low[i], v6[i]), FromKey(high[i], v6[i]));
    }

    private Value FromKey(UInt128 key, bool isV6) => ElementType switch
    {
        FilterType.Ip => new Value(FilterType.Ip, wide: isV6 ? key : key & uint.MaxValue, v6: isV6),
        FilterType.Lc => new Value(FilterType.Lc, wide: key),
        _ => new Value(ElementType, (ulong)key),
    };

    public bool SameAs(ValueSet other)
    {
        if (Count != other.Count) return false;
        if (IsEmpty) return true;
        if (ElementType != other.ElementType) return false;
        return low.AsSpan().SequenceEqual(other.low) && high.AsSpan().SequenceEqual(other.high) && strings.AsSpan().SequenceEqual(other.strings);
    }
}
