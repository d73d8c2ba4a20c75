namespace Bgpd.Control;

/// <summary>BIRD's shell-like pattern match (<c>*</c> any run, <c>?</c> one character), as in <c>show protocols "Mesh*"</c>.</summary>
public static class Glob
{
    public static bool Matches(string pattern, string text) => Match(pattern, 0, text, 0);

    static bool Match(string p, int pi, string t, int ti)
    {
        while (pi < p.Length)
        {
            var c = p[pi];
            if (c == '*')
            {
                while (pi < p.Length && p[pi] == '*') pi++;
                if (pi == p.Length) return true;
                for (var k = ti; k <= t.Length; k++)
                    if (Match(p, pi, t, k)) return true;
                return false;
            }
            if (ti == t.Length) return false;
            if (c != '?' && c != t[ti]) return false;
            pi++;
            ti++;
        }
        return ti == t.Length;
    }
}
