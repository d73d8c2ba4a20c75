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

/// <summary>
/// BIRD's shell-like pattern match (lib/patmatch.c): <c>?</c> any one character, <c>*</c> any run,
/// <c>\\</c> quotes the next character, whole string. As in BIRD, the character after a <c>*</c> is
/// searched for literally (so <c>*?</c> looks for a '?').
/// </summary>
public static class Glob
{
    public static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var p = pattern;
        var s = text;
        while (p.Length > 0)
        {
            if (p[0] == '?' && s.Length > 0)
            {
                p = p[1..];
                s = s[1..];
            }
            else if (p[0] == '*')
            {
                if (p.Length == 1) return true;
                var next = p[1] == '\\' && p.Length > 2 ? p[2] : p[1];
                while (true)
                {
                    var at = s.IndexOf(next);
                    if (at < 0) return false;
                    s = s[at..];
                    if (Match(p[1..], s)) return true;
                    s = s[1..];
                }
            }
            else
            {
                if (p[0] == '\\' && p.Length > 1) p = p[1..];
                if (s.Length == 0 || p[0] != s[0]) return false;
                p = p[1..];
                s = s[1..];
            }
        }
        return s.Length == 0;
    }
}

/// <summary>
/// A <see cref="Glob"/> pattern analysed once (at config load): the shapes filters use on interface
/// names (<c>"tap*"</c>, <c>"*.cali"</c>, <c>"tunl0"</c>, <c>"*"</c>) become one ordinal string test.
/// </summary>
public sealed class GlobPattern
{
    private enum Shape : byte { Exact, Prefix, Suffix, Contains, Anything, General }

    private readonly Shape shape;
    private readonly string part;

    private GlobPattern(string text, Shape shape, string part)
    {
        Text = text;
        this.shape = shape;
        this.part = part;
    }

    public string Text { get; }

    public static GlobPattern Compile(string pattern)
    {
        if (pattern == "*") return new(pattern, Shape.Anything, "");
        var inner = pattern.Trim('*');
        var leading = pattern.Length - pattern.TrimStart('*').Length;
        var trailing = pattern.Length - pattern.TrimEnd('*').Length;
        // '?', quoting, doubled or inner stars keep BIRD's own algorithm.
        if (pattern.Contains('?') || pattern.Contains('\\') || inner.Length == 0 || inner.Contains('*') || leading > 1 || trailing > 1)
            return new(pattern, Shape.General, pattern);
        return (leading > 0, trailing > 0) switch
        {
            (false, false) => new(pattern, Shape.Exact, pattern),
            (false, true) => new(pattern, Shape.Prefix, inner),
            (true, false) => new(pattern, Shape.Suffix, inner),
            _ => new(pattern, Shape.Contains, inner),
        };
    }

    /// <summary>The specialising backend turns these shapes into a direct string call.</summary>
    internal string? StartsWithPart => shape == Shape.Prefix ? part : null;
    internal string? EndsWithPart => shape == Shape.Suffix ? part : null;
    internal string? ExactPart => shape == Shape.Exact ? part : null;

    public bool Matches(string text) => shape switch
    {
        Shape.Exact => string.Equals(text, part, StringComparison.Ordinal),
        Shape.Prefix => text.StartsWith(part, StringComparison.Ordinal),
        Shape.Suffix => text.EndsWith(part, StringComparison.Ordinal),
        Shape.Contains => text.Contains(part, StringComparison.Ordinal),
        Shape.Anything => true,
        _ => Glob.Match(part, text),
    };
}
