using System.Text.RegularExpressions;

namespace Bgpd.Lab.Filters;

/// <summary>
/// The filter-language blocks of a BIRD config, found textually (comments and strings skipped,
/// braces matched): top-level <c>function</c>s and <c>filter</c>s, and the inline
/// <c>import filter { }</c> / <c>export filter { }</c> of each protocol.
/// </summary>
public sealed class ConfigBlocks
{
    public sealed record Function(string Name, string Signature, string Body);
    public sealed record Filter(string Name, string Body);
    public sealed record InlineFilter(string Protocol, string Direction, string Body);

    public List<Function> Functions { get; } = [];
    public List<Filter> Filters { get; } = [];
    public List<InlineFilter> InlineFilters { get; } = [];

    private static readonly Regex Word = new(@"\G\s*('[^']*'|[A-Za-z_][A-Za-z0-9_]*)");

    public static ConfigBlocks Parse(string text)
    {
        var blocks = new ConfigBlocks();
        var depth = 0;
        string? protocol = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '#') { i = text.IndexOf('\n', i) is var n and >= 0 ? n : text.Length; continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*') { i = text.IndexOf("*/", i + 2, StringComparison.Ordinal) + 2; continue; }
            if (c == '"') { i = text.IndexOf('"', i + 1) + 1; continue; }
            if (c == '{') { depth++; i++; continue; }
            if (c == '}') { depth--; if (depth == 0) protocol = null; i++; continue; }
            if (!char.IsLetter(c) || (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '_'))) { i++; continue; }
            var word = Word.Match(text, i);
            var keyword = word.Groups[1].Value;
            var after = i + word.Length;
            if (depth == 0 && keyword is "function" or "filter")
            {
                var name = Word.Match(text, after);
                var open = text.IndexOf('{', after);
                var close = MatchingBrace(text, open);
                var unquoted = name.Groups[1].Value.Trim('\'');
                if (keyword == "function")
                    blocks.Functions.Add(new Function(unquoted, text[(after + name.Length)..open].Trim(), text[(open + 1)..close]));
                else
                    blocks.Filters.Add(new Filter(unquoted, text[(open + 1)..close]));
                i = close + 1;
                continue;
            }
            if (depth == 0 && keyword == "protocol")
            {
                // protocol <type> [<name>] [from <template>] {
                var type = Word.Match(text, after);
                var name = Word.Match(text, after + type.Length);
                protocol = name.Success && name.Groups[1].Value != "from" ? name.Groups[1].Value : type.Groups[1].Value;
            }
            if (depth == 1 && protocol != null && keyword is "import" or "export")
            {
                var next = Word.Match(text, after);
                var rest = after + next.Length;
                while (rest < text.Length && char.IsWhiteSpace(text[rest])) rest++;
                if (next.Groups[1].Value == "filter" && rest < text.Length && text[rest] == '{')
                {
                    var close = MatchingBrace(text, rest);
                    blocks.InlineFilters.Add(new InlineFilter(protocol, keyword, text[(rest + 1)..close]));
                    i = close + 1;
                    continue;
                }
            }
            i = after;
        }
        return blocks;
    }

    /// <summary>The functions a body calls, directly or through other functions, each as its full text.</summary>
    public IEnumerable<string> FunctionsUsedBy(string body)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([body]);
        while (pending.Count > 0)
        {
            var text = pending.Dequeue();
            foreach (var f in Functions)
                if (!used.Contains(f.Name) && Regex.IsMatch(text, $@"(?<![\w.]){Regex.Escape(f.Name)}(?![\w])"))
                {
                    used.Add(f.Name);
                    pending.Enqueue(f.Body);
                }
        }
        return Functions.Where(f => used.Contains(f.Name)).Select(f => $"{f.Name}{f.Signature}{{{f.Body}}}");
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '#': i = text.IndexOf('\n', i) is var n and >= 0 ? n : text.Length; break;
                case '"': i = text.IndexOf('"', i + 1); break;
                case '{': depth++; break;
                case '}': if (--depth == 0) return i; break;
            }
        }
        throw new FormatException($"unbalanced braces from offset {open}");
    }
}
