namespace Bgpc.Client;

/// <summary>
/// birdc's rendering of one reply line: <c>+text</c> as <c>&gt;&gt;&gt; text</c>, a continuation
/// <c> text</c> as its text, <c>DDDD[- ]text</c> as its text unless the code is 0, anything else
/// as <c>??? line</c>. With <c>-v</c> coded lines are shown raw and continuations indented by 5.
/// </summary>
public static class ReplyLineRenderer
{
    /// <summary>The text to print for a line, or null when birdc prints nothing.</summary>
    public static string? Render(string line, bool verbose)
    {
        if (line.StartsWith('+')) return ">>> " + line[1..];
        if (line.StartsWith(' ')) return verbose ? "     " + line[1..] : line[1..];
        if (TryParseCode(line, out var code, out _))
        {
            if (code == 0) return null;
            return verbose ? line : line[5..];
        }
        return "??? " + line;
    }

    /// <summary>True for a coded line; <paramref name="final"/> when it ends the reply (<c>DDDD </c>).</summary>
    public static bool TryParseCode(string line, out int code, out bool final)
    {
        code = 0;
        final = false;
        if (line.Length < 5 || (line[4] != ' ' && line[4] != '-')) return false;
        for (var i = 0; i < 4; i++)
        {
            if (!char.IsAsciiDigit(line[i])) return false;
            code = code * 10 + (line[i] - '0');
        }
        final = line[4] == ' ';
        return true;
    }
}
