namespace Bgpd.Filters.Values;

/// <summary>
/// Comparison, equality and the <c>~</c> match operator with BIRD's rules (filter/data.c
/// val_compare, val_same, val_in_range), including the implicit quad/IPv4 conversion.
/// </summary>
public static class ValueOps
{
    /// <summary>Orders two values; false when BIRD cannot compare them (different or unordered types).</summary>
    public static bool TryCompare(in Value a, in Value b, out int result)
    {
        result = 0;
        if (a.Type != b.Type)
        {
            if (a.Type == FilterType.Void) { result = -1; return true; }
            if (b.Type == FilterType.Void) { result = 1; return true; }
            if (a.Type == FilterType.Quad && b.IsIp4) { result = ((uint)a.Word).CompareTo((uint)b.Wide); return true; }
            if (a.IsIp4 && b.Type == FilterType.Quad) { result = ((uint)a.Wide).CompareTo((uint)b.Word); return true; }
            return false;
        }
        if (a.Type.IsWordScalar()) { result = a.Word.CompareTo(b.Word); return true; }
        switch (a.Type)
        {
            case FilterType.Void: return true;
            case FilterType.Ip: result = ValueSet.Key(a).CompareTo(ValueSet.Key(b)); return true;
            case FilterType.Lc: result = a.Wide.CompareTo(b.Wide); return true;
            case FilterType.String: result = Math.Sign(string.CompareOrdinal(a.AsString, b.AsString)); return true;
            case FilterType.Prefix:
                if (a.V6 != b.V6) { result = a.V6 ? 1 : -1; return true; }
                result = a.Wide.CompareTo(b.Wide);
                if (result == 0) result = a.Len.CompareTo(b.Len);
                return true;
            default: return false;
        }
    }

    /// <summary>BIRD's <c>=</c>: equal types and equal values; values of different types are never equal.</summary>
    public static bool Same(in Value a, in Value b)
    {
        if (TryCompare(a, b, out var c)) return c == 0;
        if (a.Type != b.Type) return false;
        return a.Type switch
        {
            FilterType.Path => a.AsPath.Equals(b.AsPath),
            FilterType.PathMask => a.AsMask.Equals(b.AsMask),
            FilterType.Clist => a.AsClist.AsSpan().SequenceEqual(b.AsClist),
            FilterType.EcList => a.AsEcList.AsSpan().SequenceEqual(b.AsEcList),
            FilterType.LcList => a.AsLcList.AsSpan().SequenceEqual(b.AsLcList),
            FilterType.Set => a.AsSet.SameAs(b.AsSet),
            FilterType.PrefixSet => a.AsPrefixSet.SameAs(b.AsPrefixSet),
            _ => false,
        };
    }

    /// <summary><c>a ~ b</c>; null when BIRD has no meaning for the pair (a run-time error there).</summary>
    public static bool? Match(in Value a, in Value b)
    {
        switch (b.Type)
        {
            case FilterType.PathMask when a.Type == FilterType.Path: return b.AsMask.Matches(a.AsPath);
            case FilterType.Path when a.Type == FilterType.Int: return b.AsPath.Contains(a.AsInt);
            case FilterType.Clist when a.Type is FilterType.Pair or FilterType.Quad: return Array.IndexOf(b.AsClist, (uint)a.Word) >= 0;
            case FilterType.Clist when a.IsIp4: return Array.IndexOf(b.AsClist, (uint)a.Wide) >= 0;
            case FilterType.EcList when a.Type == FilterType.Ec: return Array.IndexOf(b.AsEcList, a.Word) >= 0;
            case FilterType.LcList when a.Type == FilterType.Lc: return Array.IndexOf(b.AsLcList, a.AsLc) >= 0;
            case FilterType.String when a.Type == FilterType.String: return Glob.Match(b.AsString, a.AsString);
            case FilterType.Prefix when a.Type == FilterType.Ip:
                return a.V6 == b.V6 && b.AsPrefix.Contains(a.AsIp);
            case FilterType.Prefix when a.Type == FilterType.Prefix:
                return a.V6 == b.V6 && a.Len >= b.Len && b.AsPrefix.Contains(a.AsIp);
            case FilterType.PrefixSet when a.Type == FilterType.Prefix: return b.AsPrefixSet.Matches(a.V6, a.Wide, a.Len);
            case FilterType.Set:
                var set = b.AsSet;
                if (set.IsEmpty) return false;
                switch (a.Type)
                {
                    case FilterType.Clist: foreach (var c in a.AsClist) if (set.ContainsWord(c)) return true; return false;
                    case FilterType.EcList: foreach (var e in a.AsEcList) if (set.ContainsWord(e)) return true; return false;
                    case FilterType.LcList: foreach (var l in a.AsLcList) if (set.Contains(Value.Lc(l))) return true; return false;
                    case FilterType.Path:
                        foreach (var seg in a.AsPath.Segments)
                            foreach (var asn in seg.Asns)
                                if (set.ContainsWord(asn)) return true;
                        return false;
                }
                if (a.Type == set.ElementType || (a.Type == FilterType.Quad && set.ElementType == FilterType.Ip)) return set.Contains(a);
                return null;
            default: return null;
        }
    }
}

/// <summary>BIRD's shell-like pattern match: <c>*</c> any run, <c>?</c> any one character, whole string.</summary>
public static class Glob
{
    public static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*') { starP = p++; starT = t; }
            else if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t])) { p++; t++; }
            else if (starP >= 0) { p = starP + 1; t = ++starT; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
