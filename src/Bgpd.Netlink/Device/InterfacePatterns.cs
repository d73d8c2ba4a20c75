namespace Bgpd.Netlink.Device;

/// <summary>BIRD's shell-style interface name patterns (<c>*</c> and <c>?</c>) and first-match pattern lists
/// such as Calico's <c>-"cali*", "*"</c> or <c>"-dummy0", "eth*"</c>.</summary>
public static class InterfacePatterns
{
    public static bool Matches(string pattern, string name) => Match(pattern.AsSpan(), name.AsSpan());

    /// <summary>First-match evaluation of a pattern list. A pattern written with a leading '-' inside the
    /// quotes (<c>"-dummy0"</c>) is negated like <c>-"dummy0"</c>. An empty list matches everything.</summary>
    public static bool Accepts(IEnumerable<(string Pattern, bool Negated)> patterns, string name)
    {
        var any = false;
        foreach (var (raw, negatedOutside) in patterns)
        {
            any = true;
            var pattern = raw;
            var negated = negatedOutside;
            if (pattern.StartsWith('-'))
            {
                negated = !negated;
                pattern = pattern[1..];
            }
            if (Matches(pattern, name))
                return !negated;
        }
        return !any;
    }

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // Iterative glob with single-star backtracking: linear for the patterns configs use.
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
                return false;
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}
