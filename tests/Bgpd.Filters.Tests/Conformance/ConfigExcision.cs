using System.Text;
using System.Text.RegularExpressions;

namespace Bgpd.Filters.Tests.Conformance;

/// <summary>
/// Removes named top-level definitions from a BIRD test config whose syntax bgpd's parser does not
/// read yet (flowspec literals, ROA tables...), so the rest of the file can run. Every removed
/// suite still counts as a failure in the report; the reasons are in KnownGaps.txt.
/// </summary>
internal static class ConfigExcision
{
    /// <summary>Drops <c>function NAME ... { ... }</c> and its <c>bt_test_suite(NAME, ...)</c>.</summary>
    public static string RemoveFunction(string text, string name)
    {
        var m = Regex.Match(text, @"^function\s+" + Regex.Escape(name) + @"\s*\(", RegexOptions.Multiline);
        if (!m.Success) return text;
        var end = MatchingBrace(text, text.IndexOf('{', m.Index));
        text = Blank(text, m.Index, end + 1);
        var suite = Regex.Match(text, @"^bt_test_suite\(\s*" + Regex.Escape(name) + @"\s*,[^;]*;", RegexOptions.Multiline);
        return suite.Success ? Blank(text, suite.Index, suite.Index + suite.Length) : text;
    }

    /// <summary>Drops a top-level definition whose body is a block (<c>filter NAME [locals] { ... }</c>).</summary>
    public static string RemoveBlock(string text, string startRegex)
    {
        var m = Regex.Match(text, "^" + startRegex, RegexOptions.Multiline);
        if (!m.Success) return text;
        return Blank(text, m.Index, MatchingBrace(text, text.IndexOf('{', m.Index)) + 1);
    }

    /// <summary>Drops every top-level statement starting with <paramref name="startRegex"/> (a block or up to its semicolon).</summary>
    public static string RemoveStatement(string text, string startRegex)
    {
        while (true)
        {
            var m = Regex.Match(text, "^" + startRegex, RegexOptions.Multiline);
            if (!m.Success) return text;
            var semi = text.IndexOf(';', m.Index);
            var brace = text.IndexOf('{', m.Index);
            var end = brace >= 0 && (semi < 0 || brace < semi) ? MatchingBrace(text, brace) : semi;
            text = Blank(text, m.Index, end + 1);
        }
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return i;
        }
        throw new FormatException("unbalanced braces");
    }

    // Replace with spaces but keep newlines, so line numbers of everything else stay BIRD's.
    private static string Blank(string text, int from, int to)
    {
        var sb = new StringBuilder(text);
        for (var i = from; i < to; i++)
            if (sb[i] != '\n') sb[i] = ' ';
        return sb.ToString();
    }
}
