namespace Bgpd.Control;

/// <summary>One reply line as a command produced it, before framing.</summary>
public readonly record struct ReplyLine(int Code, string Text, bool IsFinal);

/// <summary>An <see cref="IReplySink"/> that keeps the lines, for tests and for server-side JSON rendering.</summary>
public sealed class RecordedReply : IReplySink
{
    readonly List<ReplyLine> _lines = [];
    public IReadOnlyList<ReplyLine> Lines => _lines;
    public bool Finished { get; private set; }

    public void Line(int code, string text) => _lines.Add(new ReplyLine(code, text, false));

    public void Final(int code, string text)
    {
        _lines.Add(new ReplyLine(code, text, true));
        Finished = true;
    }

    /// <summary>The reply framed as a fresh session would send it (for byte comparisons in tests).</summary>
    public string Framed()
    {
        var framer = new ReplyFramer();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var line in _lines)
        {
            if (line.IsFinal) framer.Final(buffer, line.Code, line.Text);
            else framer.Continuation(buffer, line.Code, line.Text);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
