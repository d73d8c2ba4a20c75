namespace Bgpd.Control;

/// <summary>A read position over the tokens of one command line.</summary>
sealed class Cursor(string line, List<CliToken> tokens)
{
    int _index;

    public CliToken Peek => tokens[_index];

    public CliToken Next()
    {
        var t = tokens[_index];
        if (t.Kind != CliTokenKind.End) _index++;
        return t;
    }

    public bool Accept(string word)
    {
        if (!Peek.Is(word)) return false;
        _index++;
        return true;
    }

    public void ExpectPunct(string punct)
    {
        var t = Next();
        if (t.Kind != CliTokenKind.Punct || t.Value != punct) throw new CliSyntaxException("syntax error");
    }

    public void ExpectEnd()
    {
        if (Peek.Kind != CliTokenKind.End) throw new CliSyntaxException("syntax error");
    }

    /// <summary>The raw text from the next token to the end of the line (for filter expressions).</summary>
    public string TakeRest()
    {
        var start = Peek.Start;
        _index = tokens.Count - 1;
        return line[start..].Trim();
    }

    /// <summary>The raw text of a <c>{ ... }</c> block starting at the next token, braces included.</summary>
    public string TakeBalancedBraces()
    {
        var start = Peek.Start;
        var depth = 0;
        while (Peek.Kind != CliTokenKind.End)
        {
            var t = Next();
            if (t.Kind != CliTokenKind.Punct) continue;
            if (t.Value == "{") depth++;
            else if (t.Value == "}" && --depth == 0)
                return line[start..(t.Start + 1)];
        }
        throw new CliSyntaxException("syntax error");
    }
}
