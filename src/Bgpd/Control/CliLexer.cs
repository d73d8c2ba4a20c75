using Bgpd.Net;

namespace Bgpd.Control;

/// <summary>
/// Splits a command line the way BIRD's config lexer does for CLI commands: words (case-sensitive),
/// numbers, IP addresses, prefixes, "quoted strings" and single punctuation characters.
/// </summary>
public static class CliLexer
{
    public static List<CliToken> Tokenize(string line)
    {
        var tokens = new List<CliToken>();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (c == '"')
            {
                var end = line.IndexOf('"', i + 1);
                if (end < 0) { tokens.Add(new CliToken(CliTokenKind.Punct, "\"", start)); break; }
                tokens.Add(new CliToken(CliTokenKind.Text, line[(i + 1)..end], start));
                i = end + 1;
                continue;
            }
            if (IsWordStart(c) || char.IsAsciiDigit(c) || c == ':')
            {
                while (i < line.Length && IsWordPart(line[i])) i++;
                // A prefix is an address followed by /len with no spaces.
                if (i < line.Length && line[i] == '/' && IpAddress.TryParse(line.AsSpan(start, i - start), out _))
                {
                    var j = i + 1;
                    while (j < line.Length && char.IsAsciiDigit(line[j])) j++;
                    if (j > i + 1) i = j;
                }
                tokens.Add(Classify(line[start..i], start));
                continue;
            }
            tokens.Add(new CliToken(CliTokenKind.Punct, c.ToString(), start));
            i++;
        }
        tokens.Add(new CliToken(CliTokenKind.End, "", line.Length));
        return tokens;
    }

    static CliToken Classify(string text, int start)
    {
        if (text.Contains('/')) return new CliToken(CliTokenKind.Prefix, text, start);
        if (text.All(char.IsAsciiDigit)) return new CliToken(CliTokenKind.Number, text, start);
        if ((text.Contains('.') || text.Contains(':')) && IpAddress.TryParse(text, out _))
            return new CliToken(CliTokenKind.Address, text, start);
        if (char.IsAsciiDigit(text[0]) || text[0] == ':') return new CliToken(CliTokenKind.Punct, text, start);
        return new CliToken(CliTokenKind.Word, text, start);
    }

    static bool IsWordStart(char c) => char.IsAsciiLetter(c) || c == '_';
    static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':';
}
