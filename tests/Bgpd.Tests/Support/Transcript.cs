using System.Text;

namespace Bgpd.Tests.Support;

/// <summary>Reads the raw-socket parts of BIRD's captured transcripts (python repr per line, &lt;&lt;&lt; from the daemon).</summary>
public static class Transcript
{
    public static string Root => Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory,
        "../../../../../../shared/fixtures/bird/transcripts"));

    public static string Bird16(string file) => Path.Combine(Root, "bird-1.6.8", file);

    /// <summary>The daemon's bytes answering the first occurrence of <paramref name="command"/> in the file.</summary>
    public static string ReplyTo(string file, string command)
    {
        var lines = File.ReadAllLines(file);
        var sb = new StringBuilder();
        var inReply = false;
        foreach (var line in lines)
        {
            if (line.StartsWith(">>> ", StringComparison.Ordinal))
            {
                if (inReply) break;
                inReply = Unrepr(line[4..]) == command + "\n";
                continue;
            }
            if (inReply && line.StartsWith("<<< ", StringComparison.Ordinal)) sb.Append(Unrepr(line[4..]));
        }
        if (!inReply && sb.Length == 0) throw new InvalidOperationException($"{command} not found in {file}");
        return sb.ToString();
    }

    /// <summary>Decodes a python string literal ('...' with \n, \t, \\, \', \xNN escapes).</summary>
    public static string Unrepr(string literal)
    {
        var quote = literal[0];
        var body = literal[1..literal.LastIndexOf(quote)];
        var sb = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\') { sb.Append(body[i]); continue; }
            var c = body[++i];
            switch (c)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'x': sb.Append((char)Convert.ToInt32(body.Substring(i + 1, 2), 16)); i += 2; break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
