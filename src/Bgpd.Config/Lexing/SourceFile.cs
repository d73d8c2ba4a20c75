namespace Bgpd.Config.Lexing;

/// <summary>
/// One file on the lexer's include stack, with BIRD's position bookkeeping: <see cref="Chno"/> is the
/// column after the last lexeme (whitespace and comment pieces count as lexemes), <see cref="TokLen"/>
/// that lexeme's length; BIRD reports errors at <c>Chno - TokLen + 1</c>.
/// </summary>
internal sealed class SourceFile(string name, string text, int depth, SourcePos includedFrom)
{
    public string Name { get; } = name;
    public string Text { get; } = text;
    public int Depth { get; } = depth;
    /// <summary>Where the include statement that pulled this file in is (for errors on opening it).</summary>
    public SourcePos IncludedFrom { get; } = includedFrom;
    public int Index { get; set; }
    public int Line { get; set; } = 1;
    public int Chno { get; set; }
    public int TokLen { get; set; }

    public bool AtEnd => Index >= Text.Length;
    public char Peek(int offset = 0) => Index + offset < Text.Length ? Text[Index + offset] : '\0';
    public bool AtLineStart => Index == 0 || Text[Index - 1] == '\n';

    /// <summary>Position BIRD reports for an error raised now: the start of the last lexeme.</summary>
    public SourcePos ErrorPos => new(Name, Line, Chno - TokLen + 1);

    /// <summary>Consumes one lexeme of <paramref name="length"/> characters on the current line; returns its start position.</summary>
    public SourcePos Lexeme(int length)
    {
        var start = new SourcePos(Name, Line, Chno + 1);
        Index += length;
        Chno += length;
        TokLen = length;
        return start;
    }

    /// <summary>Consumes a newline lexeme.</summary>
    public void Newline()
    {
        Index++;
        Chno++;
        TokLen = 1;
        Line++;
        Chno = 0;
    }
}
